// astro organization team user add
#include <ostream>

#include "cli/command.h"
#include "cli/commands/team/team_commands.h"
#include "cli/commands/user/user_commands.h"
#include "client/terminal_text.h"

namespace astro::cli {

namespace {
core::Result<void> teamUserAdd(const TeamUserOptions& o, Environment& env) {
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto team = resolveTeam(env, *s, o.teamId,
                          "Pass the team ID to choose without a prompt: astro organization team "
                          "user add --team-id <TEAM_ID>");
  if (!team) return std::move(team).error();
  if (!confirmIdpTeam(env, *team, o.force)) return {};

  std::string userId;
  if (o.userId.empty()) {
    auto users = s->api().listAllUsers(s->organization);
    if (!users) return std::move(users).error();
    if (users->empty()) return core::Error::notFound("no users found in your organization");
    auto chosen = selectUser(env, *users,
                             "Pass the user ID to choose without a prompt: astro organization "
                             "team user add --team-id " +
                                 team->id + " --user-id <USER_ID>");
    if (!chosen) return std::move(chosen).error();
    userId = chosen->id;
  } else {
    auto user = s->api().getUser(s->organization, o.userId);
    if (!user) return std::move(user).error();
    if (user->id.empty()) return core::Error::notFound(kUserNotFound);
    userId = user->id;
  }
  auto added = s->api().addTeamMembers(s->organization, team->id, {{userId}});
  if (!added) return added;
  env.out << "Astro User " << client::terminalText(userId) << " was successfully added to team "
          << client::terminalText(team->name) << " \n";
  return {};
}
}  // namespace

int runTeamUserAdd(const TeamUserOptions& o, Environment& env) {
  return finish(env, teamUserAdd(o, env));
}

}  // namespace astro::cli
