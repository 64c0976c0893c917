// Rules shared by the access-model services (users, invites, teams, workspaces, tokens): the
// permission check that audits its refusals, workspace-role validation and the no-escalation rule
// for workspace roles, and the JSON text of audited values.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/result.h"
#include "core/roles/roles.h"
#include "core/tokens/api_token.h"
#include "service/access/org_access.h"
#include "service/audit/audit_attempt.h"
#include "service/caller.h"
#include "store/store.h"

namespace astro::service {

// The caller's effective organization role when it holds `permission` in `orgId`: 404 outside
// the organization (not audited here: RefusalAudit records the probe without revealing whether
// the organization exists), 403 (audited DENIED) otherwise.
core::Result<core::OrgRole> authorize(store::Transaction& tx, const Caller& caller,
                                      std::string_view orgId, core::Permission permission,
                                      std::string_view action, AuditAttempt& attempt);

// An open write transaction, as the body of authorizedWrite receives it.
using WriteTransaction = std::unique_ptr<store::Transaction>;

// The frame of a service call that changes something: store failures become the service's errors
// (atServiceBoundary), a write transaction opens, the caller must hold `permission` (authorize:
// 404 / audited 403), then `body(tx, callerRole)` runs and returns the call's result.
template <typename Body>
auto authorizedWrite(store::Store& store, const Caller& caller, std::string_view orgId,
                     core::Permission permission, std::string_view action, AuditAttempt& attempt,
                     Body&& body) {
  using R = decltype(body(std::declval<WriteTransaction&>(), core::OrgRole{}));
  return atServiceBoundary([&]() -> R {
    WriteTransaction tx = store.begin(store::Store::Mode::Write);
    auto role = authorize(*tx, caller, orgId, permission, action, attempt);
    if (!role) return role.error();
    return body(tx, *role);
  });
}

// Field errors of a set of workspace roles: every workspace of the organization, every role one
// of WORKSPACE_MEMBER/AUTHOR/OPERATOR/OWNER, each workspace at most once. `field` is e.g.
// "workspaceRoles".
void validateWorkspaceRoles(store::Transaction& tx, std::string_view orgId,
                            const std::vector<core::WorkspaceRoleEntry>& roles,
                            const std::string& field, std::vector<core::FieldError>& errors);
// The same for one entry, wherever a request carries it: `at` is its path with a trailing dot
// ("workspaceRoles[2]." or "roles[1]."), `idField` the name of its workspace ID field there
// ("workspaceId", or "entityId" in a token's roles); `seen` collects the workspaces so far.
void validateWorkspaceRole(store::Transaction& tx, std::string_view orgId,
                           const core::WorkspaceRoleEntry& role, const std::string& at,
                           std::string_view idField, std::set<std::string>& seen,
                           std::vector<core::FieldError>& errors);

// 403 when the caller would grant a workspace role above the one it holds on that workspace.
std::optional<core::Error> checkWorkspaceGrants(store::Transaction& tx, const Subject& subject,
                                                std::string_view orgId, core::OrgRole orgRole,
                                                const std::vector<core::WorkspaceRoleEntry>& roles);

// A user's or a team's roles request: organizationRole (required; `requiredMessage` when absent),
// workspace roles of this organization, no deployment roles. Field errors are a 400 (audited
// FAILED), a grant above the caller's own a 403 (audited DENIED). Returns the new org role.
core::Result<core::OrgRole> checkRolesRequest(
    store::Transaction& tx, const Caller& caller, std::string_view orgId, core::OrgRole callerRole,
    const std::optional<std::string>& organizationRole,
    const std::optional<std::vector<core::WorkspaceRoleEntry>>& workspaceRoles,
    const std::optional<std::vector<core::DeploymentRoleEntry>>& deploymentRoles,
    std::string_view requiredMessage, AuditAttempt& attempt);

// JSON text of audited values.
std::string jsonText(std::string_view s);
std::string jsonText(core::Timestamp t);
std::string jsonText(int n);
template <typename T>
std::optional<std::string> jsonOpt(const std::optional<T>& v) {
  if (!v) return std::nullopt;
  return jsonText(*v);
}
std::string jsonArray(const std::vector<std::string>& items);
std::string jsonWorkspaceRoles(const std::vector<core::WorkspaceRoleEntry>& roles);

inline constexpr std::string_view kWorkspaceRolesList =
    "WORKSPACE_MEMBER, WORKSPACE_AUTHOR, WORKSPACE_OPERATOR or WORKSPACE_OWNER";
inline constexpr std::string_view kOrgRolesList =
    "ORGANIZATION_MEMBER, ORGANIZATION_BILLING_ADMIN or ORGANIZATION_OWNER";

}  // namespace astro::service
