// astro organization team user remove
#include <ostream>

#include "cli/command.h"
#include "cli/commands/team/team_commands.h"
#include "cli/prompt.h"
#include "client/terminal_text.h"

namespace astro::cli {

namespace {
core::Result<void> teamUserRemove(const TeamUserOptions& o, Environment& env) {
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto team = resolveTeam(env, *s, o.teamId,
                          "Pass the team ID to choose without a prompt: astro organization team "
                          "user remove --team-id <TEAM_ID>");
  if (!team) return std::move(team).error();
  if (!confirmIdpTeam(env, *team, o.force)) return {};

  auto members = s->api().listAllTeamMembers(s->organization, team->id);
  if (!members) return std::move(members).error();
  if (members->empty()) return core::Error::notFound("no team members found in team");
  std::string userId;
  if (o.userId.empty()) {
    Selection sel;
    sel.title = "\nPlease select the teamMember who's membership you'd like to modify:";
    sel.table.headers = {"FULLNAME", "EMAIL", "ID"};
    for (const auto& m : *members)
      sel.table.addRow({m.fullName.value_or(""), m.username, m.userId});
    sel.invalidMessage = "invalid team member selection";
    sel.noInput = [&members, &team] {
      std::vector<std::pair<std::string, std::string>> c;
      for (const auto& m : *members) c.emplace_back(m.username, m.userId);
      return noAnswerError("a team member", c,
                           "Pass the user ID to choose without a prompt: astro organization team "
                           "user remove --team-id " +
                               team->id + " --user-id <USER_ID>");
    };
    auto i = selectRow(env, sel);
    if (!i) return std::move(i).error();
    userId = (*members)[*i].userId;
  } else {
    for (const auto& m : *members)
      if (m.userId == o.userId) userId = m.userId;
    // The Go CLI's wording, though it is the member that was not found (reference §10).
    if (userId.empty()) return core::Error::notFound(kTeamNotFound);
  }
  auto removed = s->api().removeTeamMember(s->organization, team->id, userId);
  if (!removed) return removed;
  env.out << "Astro User " << client::terminalText(userId) << " was successfully removed from team "
          << client::terminalText(team->name) << " \n";
  return {};
}
}  // namespace

int runTeamUserRemove(const TeamUserOptions& o, Environment& env) {
  return finish(env, teamUserRemove(o, env));
}

}  // namespace astro::cli
