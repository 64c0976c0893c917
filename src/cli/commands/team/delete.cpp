// astro organization team delete [team-id]
#include <ostream>

#include "cli/command.h"
#include "cli/commands/team/team_commands.h"
#include "client/terminal_text.h"

namespace astro::cli {

namespace {
core::Result<void> teamDelete(const TeamDeleteOptions& o, Environment& env) {
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto team = resolveTeam(env, *s, o.teamId,
                          "Pass the team ID to choose without a prompt: astro organization team "
                          "delete <TEAM_ID>");
  if (!team) return std::move(team).error();
  // Only IDP-managed teams are confirmed (reference §3.9, §10.8).
  if (!confirmIdpTeam(env, *team, o.force)) return {};
  auto deleted = s->api().deleteTeam(s->organization, team->id);
  if (!deleted) return deleted;
  env.out << "Astro Team " << client::terminalText(team->name) << " was successfully deleted\n";
  return {};
}
}  // namespace

int runTeamDelete(const TeamDeleteOptions& o, Environment& env) {
  return finish(env, teamDelete(o, env));
}

}  // namespace astro::cli
