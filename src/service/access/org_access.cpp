#include "service/access/org_access.h"

#include <algorithm>

#include "core/validation/text_rules.h"

namespace astro::service {

core::Result<core::OrgRole> callerOrgRole(store::Transaction& tx, const Subject& subject,
                                          std::string_view orgId) {
  if (subject.type == core::SubjectType::ServiceKey) {
    // A token only ever acts inside its own organization; others do not exist for it.
    if (subject.organizationId.empty() || subject.organizationId != orgId)
      return core::Error::notFound(std::string(kOrganizationNotFoundMessage));
    if (!subject.tokenOrgRole)
      return core::Error::forbidden("permission denied: the API token has no organization role");
    return *subject.tokenOrgRole;
  }
  auto role = effectiveUserOrgRole(tx, orgId, subject.id);
  if (!role) return core::Error::notFound(std::string(kOrganizationNotFoundMessage));
  return *role;
}

std::optional<core::OrgRole> effectiveUserOrgRole(store::Transaction& tx, std::string_view orgId,
                                                  std::string_view userId) {
  auto membership = tx.users().findMembership(orgId, userId);
  if (!membership || membership->status != "ACTIVE") return std::nullopt;
  core::OrgRole role = membership->role;
  if (role == core::OrgRole::Owner) return role;  // nothing is higher
  for (const auto& team : tx.teams().listOfUser(orgId, userId))
    if (auto teamRole = core::parseOrgRole(team.organizationRole))
      if (static_cast<int>(*teamRole) > static_cast<int>(role)) role = *teamRole;
  return role;
}

std::optional<core::WorkspaceRole> callerWorkspaceRole(store::Transaction& tx,
                                                       const Subject& subject,
                                                       std::string_view orgId,
                                                       std::string_view workspaceId,
                                                       core::OrgRole orgRole) {
  if (orgRole == core::OrgRole::Owner) return core::WorkspaceRole::Owner;
  std::optional<core::WorkspaceRole> best;
  auto consider = [&](std::string_view text) {
    if (auto r = core::parseWorkspaceRole(text))
      if (!best || static_cast<int>(*r) > static_cast<int>(*best)) best = *r;
  };
  if (subject.type == core::SubjectType::ServiceKey) {
    if (auto token = tx.tokens().find(orgId, subject.id))
      for (const auto& r : token->token.roles)
        if (r.entityType == "WORKSPACE" && r.entityId == workspaceId) consider(r.role);
  } else {
    for (const auto& r : tx.workspaces().rolesOfUser(workspaceId, subject.id)) consider(r);
  }
  return best;
}

std::optional<core::Error> checkOrgGrant(core::OrgRole held, core::OrgRole requested) {
  if (static_cast<int>(requested) > static_cast<int>(held))
    return core::Error::forbidden(permissionDeniedMessage(
        held, "grant " + std::string(core::toString(requested)) + ", a role above its own"));
  return std::nullopt;
}

std::string permissionDeniedMessage(core::OrgRole role, std::string_view action) {
  std::string msg = "permission denied: ";
  msg.append(core::toString(role)).append(" cannot ").append(action);
  return msg;
}

core::Error invalidInput(std::vector<core::FieldError> fields) {
  std::string msg = "invalid request";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    msg += i == 0 ? ": " : "; ";
    msg += fields[i].field + ": " + fields[i].message;
  }
  return core::Error::invalid(std::move(msg), std::move(fields));
}

std::vector<core::FieldError> validateListQuery(const core::ListQuery& query,
                                                const std::vector<std::string_view>& allowed) {
  std::vector<core::FieldError> errors;
  if (query.offset < 0) errors.push_back({"out_of_range", "offset", "offset must be 0 or more"});
  if (query.limit < 1 || query.limit > core::kMaxPageLimit)
    errors.push_back({"out_of_range", "limit", "limit must be between 1 and 1000"});
  for (const auto& key : query.sorts) {
    if (std::find(allowed.begin(), allowed.end(), key.field) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list.append(list.empty() ? "" : ", ").append(a);
      errors.push_back({"invalid", "sorts",
                        "unknown sort field " + core::echoValue(key.field) + "; use one of " +
                            list + " with :asc or :desc"});
    }
  }
  return errors;
}

}  // namespace astro::service
