// astro workspace team add [TEAM_ID] --role: gives a team a role on a workspace (the Astro CLI's
// `workspace team add`); the team's members hold it from then on. The team's organization role
// and other workspace roles are kept (POST …/teams/{id}/roles replaces the whole set).
#include <ostream>

#include "cli/command.h"
#include "cli/commands/team/team_commands.h"
#include "cli/commands/workspace/workspace_commands.h"
#include "client/terminal_text.h"
#include "core/roles/roles.h"

namespace astro::cli {

namespace {

core::Result<void> workspaceTeamAdd(const WorkspaceTeamAddOptions& o, Environment& env) {
  if (!core::parseWorkspaceRole(o.role))
    return core::Error::invalid(std::string(core::kInvalidWorkspaceRoleMessage));
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto ws = targetWorkspace(*s, o.workspaceId);
  if (!ws) return std::move(ws).error();
  auto team = resolveTeam(env, *s, o.teamId, "astro workspace team add <TEAM_ID> --role <ROLE>");
  if (!team) return std::move(team).error();

  core::UpdateTeamRolesRequest req;
  req.organizationRole = team->organizationRole;
  req.deploymentRoles = team->deploymentRoles;
  req.workspaceRoles.emplace();
  for (const auto& r : team->workspaceRoles.value_or(std::vector<core::WorkspaceRoleEntry>{})) {
    if (r.workspaceId == *ws) {
      if (r.role == o.role)
        return core::Error::conflict(
            "this Team has already been added to the Workspace with that role");
      continue;
    }
    req.workspaceRoles->push_back(r);
  }
  req.workspaceRoles->push_back({*ws, o.role});
  auto applied = s->api().updateTeamRoles(s->organization, team->id, req);
  if (!applied) return std::move(applied).error();
  env.out << "Astro Team " << client::terminalText(team->name)
          << " was successfully added to the Workspace with role " << o.role << "\n";
  return {};
}

}  // namespace

int runWorkspaceTeamAdd(const WorkspaceTeamAddOptions& o, Environment& env) {
  return finish(env, workspaceTeamAdd(o, env));
}

}  // namespace astro::cli
