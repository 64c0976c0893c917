// astro organization team update [team-id]. Departure 2: --role is checked before the first
// request (the Go CLI checks it after the name update was sent).
#include <ostream>

#include "cli/command.h"
#include "cli/commands/team/team_commands.h"
#include "cli/commands/token/token_support.h"
#include "client/terminal_text.h"

namespace astro::cli {

namespace {
core::Result<void> teamUpdate(const TeamUpdateOptions& o, Environment& env) {
  if (auto v = validateRoleFlag(o.role); !v) return v;
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto team = resolveTeam(env, *s, o.teamId,
                          "Pass the team ID to choose without a prompt: astro organization team "
                          "update <TEAM_ID>");
  if (!team) return std::move(team).error();
  if (!confirmIdpTeam(env, *team, o.force)) return {};

  core::UpdateTeamRequest req;
  req.name = o.name.empty() ? team->name : o.name;
  if (!o.description.empty())
    req.description = o.description;
  else
    req.description = team->description;  // omitted when the team has none
  auto updated = s->api().updateTeam(s->organization, team->id, req);
  if (!updated) return std::move(updated).error();
  env.out << "Astro Team " << client::terminalText(team->name) << " was successfully updated\n";

  if (!o.role.empty()) {
    core::UpdateTeamRolesRequest roles;
    roles.organizationRole = o.role;
    roles.workspaceRoles = team->workspaceRoles;
    roles.deploymentRoles = team->deploymentRoles;
    auto applied = s->api().updateTeamRoles(s->organization, team->id, roles);
    if (!applied) {
      core::Error e = std::move(applied).error();
      e.message += " (the team's name and description were updated; its role was not changed)";
      return e;
    }
    env.out << "Astro Team role " << client::terminalText(team->name)
            << " was successfully updated to " << o.role << "\n";
  }
  return {};
}
}  // namespace

int runTeamUpdate(const TeamUpdateOptions& o, Environment& env) {
  return finish(env, teamUpdate(o, env));
}

}  // namespace astro::cli
