#include "service/access/access_rules.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <set>

#include "core/ids.h"
#include "service/access/org_access.h"

namespace astro::service {

core::Result<core::OrgRole> authorize(store::Transaction& tx, const Caller& caller,
                                      std::string_view orgId, core::Permission permission,
                                      std::string_view action, AuditAttempt& attempt) {
  auto role = callerOrgRole(tx, caller.subject, orgId);
  if (!role) {
    if (role.error().code == core::ErrorCode::Forbidden) return attempt.deny(role.error());
    return role.error();
  }
  if (!core::allows(*role, permission))
    return attempt.deny(core::Error::forbidden(permissionDeniedMessage(*role, action)));
  return *role;
}

void validateWorkspaceRoles(store::Transaction& tx, std::string_view orgId,
                            const std::vector<core::WorkspaceRoleEntry>& roles,
                            const std::string& field, std::vector<core::FieldError>& errors) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < roles.size(); ++i)
    validateWorkspaceRole(tx, orgId, roles[i], field + "[" + std::to_string(i) + "].",
                          "workspaceId", seen, errors);
}

void validateWorkspaceRole(store::Transaction& tx, std::string_view orgId,
                           const core::WorkspaceRoleEntry& r, const std::string& at,
                           std::string_view idField, std::set<std::string>& seen,
                           std::vector<core::FieldError>& errors) {
  const std::string id = at + std::string(idField);
  if (!core::parseWorkspaceRole(r.role))
    errors.push_back({"invalid", at + "role", "role must be " + std::string(kWorkspaceRolesList)});
  if (r.workspaceId.empty()) {
    errors.push_back({"required", id, std::string(idField) + " is required"});
  } else if (!core::isCuid(r.workspaceId)) {
    errors.push_back(
        {"invalid", id, std::string(idField) + " " + std::string(core::kNotAnIdMessage)});
  } else if (!tx.workspaces().find(orgId, r.workspaceId)) {
    errors.push_back(
        {"invalid", id, "workspace " + r.workspaceId + " does not exist in this organization"});
  } else if (!seen.insert(r.workspaceId).second) {
    errors.push_back({"invalid", id, "workspace " + r.workspaceId + " is listed more than once"});
  }
}

std::optional<core::Error> checkWorkspaceGrants(
    store::Transaction& tx, const Subject& subject, std::string_view orgId, core::OrgRole orgRole,
    const std::vector<core::WorkspaceRoleEntry>& roles) {
  for (const auto& r : roles) {
    auto requested = core::parseWorkspaceRole(r.role);
    if (!requested) continue;
    auto held = callerWorkspaceRole(tx, subject, orgId, r.workspaceId, orgRole);
    if (!held || static_cast<int>(*requested) > static_cast<int>(*held))
      return core::Error::forbidden(
          "permission denied: " +
          std::string(held ? core::toString(*held) : core::toString(orgRole)) + " cannot grant " +
          r.role + " on workspace " + r.workspaceId + ", a role above its own");
  }
  return std::nullopt;
}

std::string jsonText(std::string_view s) {
  return boost::json::serialize(boost::json::string(s));
}

std::string jsonText(core::Timestamp t) {
  return jsonText(core::formatRfc3339(t));
}

std::string jsonText(int n) {
  return std::to_string(n);
}

std::string jsonArray(const std::vector<std::string>& items) {
  boost::json::array arr;
  for (const auto& i : items) arr.emplace_back(boost::json::string(i));
  return boost::json::serialize(arr);
}

std::string jsonWorkspaceRoles(const std::vector<core::WorkspaceRoleEntry>& roles) {
  boost::json::array arr;
  for (const auto& r : roles) {
    boost::json::object o;
    o["workspaceId"] = r.workspaceId;
    o["role"] = r.role;
    arr.emplace_back(std::move(o));
  }
  return boost::json::serialize(arr);
}

core::Result<core::OrgRole> checkRolesRequest(
    store::Transaction& tx, const Caller& caller, std::string_view orgId, core::OrgRole callerRole,
    const std::optional<std::string>& organizationRole,
    const std::optional<std::vector<core::WorkspaceRoleEntry>>& workspaceRoles,
    const std::optional<std::vector<core::DeploymentRoleEntry>>& deploymentRoles,
    std::string_view requiredMessage, AuditAttempt& attempt) {
  std::vector<core::FieldError> errors;
  std::optional<core::OrgRole> role;
  if (!organizationRole || organizationRole->empty()) {
    errors.push_back({"required", "organizationRole", std::string(requiredMessage)});
  } else if (!(role = core::parseOrgRole(*organizationRole))) {
    errors.push_back(
        {"invalid", "organizationRole", "organizationRole must be " + std::string(kOrgRolesList)});
  }
  if (workspaceRoles) validateWorkspaceRoles(tx, orgId, *workspaceRoles, "workspaceRoles", errors);
  if (deploymentRoles && !deploymentRoles->empty())
    errors.push_back(
        {"invalid", "deploymentRoles", "deployment roles are not supported by this server"});
  if (!errors.empty()) return attempt.fail(invalidInput(std::move(errors)));
  if (auto denied = checkOrgGrant(callerRole, *role)) return attempt.deny(*denied);
  if (workspaceRoles)
    if (auto denied = checkWorkspaceGrants(tx, caller.subject, orgId, callerRole, *workspaceRoles))
      return attempt.deny(*denied);
  return *role;
}

}  // namespace astro::service
