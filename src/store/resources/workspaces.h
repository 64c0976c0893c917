// Workspaces and the workspace roles of users and teams.
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

class Workspaces {
 public:
  virtual ~Workspaces() = default;

  virtual void insert(const core::Workspace& w) = 0;
  // Replaces name, description, cicdEnforcedDefault, updatedAt and updatedBy.
  virtual void update(const core::Workspace& w) = 0;
  // Deletes the workspace and every role grant on it: users', teams' and tokens' (the tokens'
  // WORKSPACE role entries). False when no such workspace exists in that organization.
  virtual bool remove(std::string_view orgId, std::string_view workspaceId) = 0;
  virtual std::optional<core::Workspace> find(std::string_view orgId,
                                              std::string_view workspaceId) = 0;
  // Sorting on createdAt, name, updatedAt; ties by id; default createdAt asc, id asc.
  virtual core::Page<core::Workspace> list(std::string_view orgId, const WorkspaceFilter& filter,
                                           const core::ListQuery& query) = 0;

  // Workspace roles of users and teams (subjectType kGrantUser or kGrantTeam). Entries ordered by
  // workspace ID.
  virtual std::vector<core::WorkspaceRoleEntry> listRoles(std::string_view orgId,
                                                          std::string_view subjectType,
                                                          std::string_view subjectId) = 0;
  // Replaces the subject's full set of workspace roles in the organization.
  virtual void replaceRoles(std::string_view orgId, std::string_view subjectType,
                            std::string_view subjectId,
                            const std::vector<core::WorkspaceRoleEntry>& roles) = 0;
  // The roles a user holds on one workspace: the direct grant and those of the user's teams.
  virtual std::vector<std::string> rolesOfUser(std::string_view workspaceId,
                                               std::string_view userId) = 0;
};

}  // namespace astro::store
