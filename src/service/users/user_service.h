// Users of an organization: list, read, change roles, remove; and GET /users/self for a user
// subject (API tokens are not users: 403 with a clear message).
// Rules: reading needs OrganizationRead (any member), changes need UserManage (OWNER); the last
// ACTIVE OWNER user cannot be demoted or removed (409); no subject grants a role above its own;
// workspace roles must name workspaces of the organization. Changes are audited in their
// transaction; refusals too.
#pragma once

#include <string_view>

#include "core/invites/invite.h"
#include "core/pagination.h"
#include "core/result.h"
#include "core/users/user.h"
#include "service/audit/audit_log.h"
#include "service/caller.h"
#include "service/clock.h"
#include "store/store.h"

namespace astro::service {

inline constexpr std::string_view kSelfNeedsUserMessage =
    "this endpoint describes a user; the request was made with an API token, which is not a user";
inline constexpr std::string_view kUserNotFoundMessage = "user not found";
inline constexpr std::string_view kLastOwnerMessage =
    "the organization must keep at least one ORGANIZATION_OWNER: this user is the last one";

class UserService {
 public:
  UserService(store::Store& store, const Clock& clock, const AuditLog& audit);

  core::Result<core::SelfUser> self(const Caller& caller);

  // Members of the organization (PENDING invitees included) with their organization role and
  // workspace roles. Sorts: createdAt, fullName, id, updatedAt, username.
  core::Result<core::Page<core::User>> list(const Caller& caller, std::string_view orgId,
                                            const core::ListQuery& query);
  core::Result<core::User> get(const Caller& caller, std::string_view orgId,
                               std::string_view userId);
  // organizationRole (when given) replaces the user's role; workspaceRoles (when given) replace
  // the user's full set of workspace roles in this organization.
  core::Result<core::SubjectRoles> updateRoles(const Caller& caller, std::string_view orgId,
                                               std::string_view userId,
                                               const core::UpdateUserRolesRequest& request);
  // Removes the membership, the user's team memberships and workspace roles in this organization.
  core::Result<void> remove(const Caller& caller, std::string_view orgId, std::string_view userId);

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditLog& audit_;
};

}  // namespace astro::service
