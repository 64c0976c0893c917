// Teams: groups of users holding an organization role and workspace roles. A member holds the
// team's roles: a user's effective organization role is the highest of their own and their
// teams' (service/access applies it to every permission check).
// Reading needs OrganizationRead; every change needs TeamManage (OWNER). Names are unique per
// organization, case-insensitively (409).
#pragma once

#include <string_view>

#include "core/pagination.h"
#include "core/result.h"
#include "core/teams/team.h"
#include "service/audit/audit_log.h"
#include "service/caller.h"
#include "service/clock.h"
#include "store/store.h"

namespace astro::service {

inline constexpr std::string_view kTeamNotFoundMessage = "team not found";

class TeamService {
 public:
  TeamService(store::Store& store, const Clock& clock, core::RandomBytes random,
              const AuditLog& audit);

  // Sorts: createdAt, description, name, updatedAt. `filter.names`: exact names (any case).
  core::Result<core::Page<core::Team>> list(const Caller& caller, std::string_view orgId,
                                            const core::TeamListFilter& filter,
                                            const core::ListQuery& query);
  // organizationRole defaults to ORGANIZATION_MEMBER; memberIds must be members of the org.
  core::Result<core::Team> create(const Caller& caller, std::string_view orgId,
                                  const core::CreateTeamRequest& request);
  core::Result<core::Team> get(const Caller& caller, std::string_view orgId,
                               std::string_view teamId);
  core::Result<core::Team> update(const Caller& caller, std::string_view orgId,
                                  std::string_view teamId, const core::UpdateTeamRequest& request);
  core::Result<void> remove(const Caller& caller, std::string_view orgId, std::string_view teamId);

  // Sorts: createdAt, fullName, userId, username.
  core::Result<core::Page<core::TeamMember>> listMembers(const Caller& caller,
                                                         std::string_view orgId,
                                                         std::string_view teamId,
                                                         const core::ListQuery& query);
  core::Result<void> addMembers(const Caller& caller, std::string_view orgId,
                                std::string_view teamId, const core::AddTeamMembersRequest& request);
  core::Result<void> removeMember(const Caller& caller, std::string_view orgId,
                                  std::string_view teamId, std::string_view userId);
  // Replaces the team's organization role and (when given) its workspace roles.
  core::Result<core::SubjectRoles> updateRoles(const Caller& caller, std::string_view orgId,
                                               std::string_view teamId,
                                               const core::UpdateTeamRolesRequest& request);

 private:
  store::Store& store_;
  const Clock& clock_;
  core::RandomBytes random_;
  const AuditLog& audit_;
};

}  // namespace astro::service
