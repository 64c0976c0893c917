// Workspaces. Any organization member may create one (and becomes its WORKSPACE_OWNER when the
// creator is a user); a subject sees the workspaces it holds a role on (directly, through a team,
// or as a token) and an organization OWNER sees and owns all. Update and delete need
// WORKSPACE_OWNER; deleting a workspace removes every role grant on it (users, teams, tokens).
#pragma once

#include <string_view>
#include <vector>

#include "core/pagination.h"
#include "core/result.h"
#include "core/workspaces/workspace.h"
#include "service/audit/audit_log.h"
#include "service/caller.h"
#include "service/clock.h"
#include "store/store.h"

namespace astro::service {

inline constexpr std::string_view kWorkspaceNotFoundMessage = "workspace not found";

struct WorkspaceListFilter {
  std::vector<std::string> workspaceIds;
  std::vector<std::string> names;
};

class WorkspaceService {
 public:
  WorkspaceService(store::Store& store, const Clock& clock, core::RandomBytes random,
                   const AuditLog& audit);
  // Sorts: createdAt, name, updatedAt.
  core::Result<core::Page<core::Workspace>> list(const Caller& caller, std::string_view orgId,
                                                 const WorkspaceListFilter& filter,
                                                 const core::ListQuery& query);
  core::Result<core::Workspace> create(const Caller& caller, std::string_view orgId,
                                       const core::CreateWorkspaceRequest& request);
  core::Result<core::Workspace> get(const Caller& caller, std::string_view orgId,
                                    std::string_view workspaceId);
  core::Result<core::Workspace> update(const Caller& caller, std::string_view orgId,
                                       std::string_view workspaceId,
                                       const core::UpdateWorkspaceRequest& request);
  core::Result<void> remove(const Caller& caller, std::string_view orgId,
                            std::string_view workspaceId);

 private:
  store::Store& store_;
  const Clock& clock_;
  core::RandomBytes random_;
  const AuditLog& audit_;
};

}  // namespace astro::service
