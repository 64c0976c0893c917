// `astro workspace list|create|switch`, `astro workspace token add` and `astro workspace team add` (reference §4.7, §3.2
// step 6): enough of the workspace group to give organization tokens workspace roles.
#pragma once

#include <string>

#include "cli/environment.h"
#include "cli/factory.h"
#include "cli/output.h"

namespace astro::cli {

struct WorkspaceListOptions {
  OutputFlags output;
};
struct WorkspaceCreateOptions {
  std::string name;
  std::string description;
  bool descriptionGiven = false;
  bool enforceCicd = false;
};
struct WorkspaceSwitchOptions {
  std::string workspace;  // name or ID; "" selects
};
struct WorkspaceTokenAddOptions {
  std::string workspaceId;  // --workspace-id; "" uses the context's workspace
  std::string tokenId;      // lower-cased positional
  std::string tokenName;    // --org-token-name
  std::string role;         // "" selects
};

struct WorkspaceTeamAddOptions {
  std::string workspaceId;  // --workspace-id; "" uses the context's workspace
  std::string teamId;       // positional; "" selects
  std::string role = "WORKSPACE_MEMBER";
};

int runWorkspaceTeamAdd(const WorkspaceTeamAddOptions& o, Environment& env);
int runWorkspaceList(const WorkspaceListOptions& o, Environment& env);
int runWorkspaceCreate(const WorkspaceCreateOptions& o, Environment& env);
int runWorkspaceSwitch(const WorkspaceSwitchOptions& o, Environment& env);
int runWorkspaceTokenAdd(const WorkspaceTokenAddOptions& o, Environment& env);

// The workspace a `workspace team|token` command acts on: --workspace-id, else the context's
// workspace, else a clear error naming both ways to choose one.
core::Result<std::string> targetWorkspace(Session& s, const std::string& workspaceIdFlag);

inline constexpr const char* kWorkspaceNotFound = "workspace id/name could not be found";

// workspace.Switch (reference §3.2 step 6) in organization `orgId`: match `idOrName` on name or
// ID among all workspaces, write `workspace` and `last_used_workspace` to the context, print the
// CONTROLPLANE/WORKSPACE table. `idOrName` "" selects interactively.
core::Result<void> switchWorkspace(Environment& env, Session& s, const std::string& orgId,
                                   const std::string& idOrName);

}  // namespace astro::cli
