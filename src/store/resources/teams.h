// Teams and their members (a team's workspaceRoles are not filled in here: see
// Workspaces::listRoles).
// One of the per-resource interfaces a store::Transaction hands out (store/store.h); every
// backend implements it and passes the conformance suite.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pagination.h"
#include "store/records.h"

namespace astro::store {

class Teams {
 public:
  virtual ~Teams() = default;

  // A second team whose name equals another's of the organization case-insensitively: Conflict.
  virtual void insert(const core::Team& team) = 0;
  // Replaces name, description, organizationRole, updatedAt and updatedBy.
  virtual void update(const core::Team& team) = 0;
  // Deletes the team, its memberships and its workspace roles.
  virtual bool remove(std::string_view orgId, std::string_view teamId) = 0;
  virtual std::optional<core::Team> find(std::string_view orgId, std::string_view teamId) = 0;
  // Case-insensitive (ASCII) name match.
  virtual std::optional<core::Team> findByName(std::string_view orgId, std::string_view name) = 0;
  // Sorting on createdAt, description, name, updatedAt; ties by id; default createdAt asc.
  // filter.names: any of these names, case-insensitively.
  virtual core::Page<core::Team> list(std::string_view orgId, const core::TeamListFilter& filter,
                                      const core::ListQuery& query) = 0;
  // The teams of the organization the user belongs to, ordered by id.
  virtual std::vector<core::Team> listOfUser(std::string_view orgId, std::string_view userId) = 0;
  // Adds the user to the team (no-op when already a member). Returns true when added.
  virtual bool addMember(std::string_view teamId, std::string_view userId, core::Timestamp at) = 0;
  virtual bool removeMember(std::string_view teamId, std::string_view userId) = 0;
  virtual bool isMember(std::string_view teamId, std::string_view userId) = 0;
  // Sorting on createdAt (joined the team), fullName, userId, username; ties by userId.
  virtual core::Page<core::TeamMember> listMembers(std::string_view teamId,
                                                   const core::ListQuery& query) = 0;
};

}  // namespace astro::store
