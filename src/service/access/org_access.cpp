#include "service/access/org_access.h"

#include <algorithm>

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
  auto membership = tx.findMembership(orgId, subject.id);
  if (!membership) return core::Error::notFound(std::string(kOrganizationNotFoundMessage));
  return membership->role;
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
      errors.push_back(
          {"invalid", "sorts",
           "unknown sort field '" + key.field + "'; use one of " + list + " with :asc or :desc"});
    }
  }
  return errors;
}

}  // namespace astro::service
