// astro organization team create
#include <ostream>

#include "cli/command.h"
#include "cli/commands/team/team_commands.h"
#include "cli/commands/token/token_support.h"
#include "cli/prompt.h"
#include "client/terminal_text.h"

namespace astro::cli {

namespace {
core::Result<void> teamCreate(const TeamCreateOptions& o, Environment& env) {
  std::string role = o.role;
  if (role.empty()) {
    auto chosen = selectOrganizationRole(env, "select a Organization Role for the new team:");
    if (!chosen) return std::move(chosen).error();
    role = *chosen;
  }
  // The role is checked before the name prompt (reference §3.6).
  if (auto v = validateRoleFlag(role); !v) return v;
  std::string name = o.name;
  if (name.empty()) {
    env.out << "Please specify a name for your Team\n";
    name = promptText(env, std::string("\n").append(bold(env, "Team name: ")));
    if (name.empty()) return core::Error::invalid("you must give your Team a name");
  }
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  core::CreateTeamRequest req;
  req.name = name;
  req.description = o.description;  // always sent, "" included
  req.organizationRole = role;
  auto team = s->api().createTeam(s->organization, req);
  if (!team) return std::move(team).error();
  env.out << "Astro Team " << client::terminalText(name) << " was successfully created\n";
  return {};
}
}  // namespace

int runTeamCreate(const TeamCreateOptions& o, Environment& env) {
  return finish(env, teamCreate(o, env));
}

}  // namespace astro::cli
