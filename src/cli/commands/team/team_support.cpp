#include <ostream>

#include "cli/commands/team/team_commands.h"
#include "cli/prompt.h"

namespace astro::cli {

core::Result<core::Team> resolveTeam(Environment& env, Session& s, const std::string& teamId,
                                     const std::string& how) {
  if (!teamId.empty()) {
    auto team = s.api().getTeam(s.organization, teamId);
    if (!team) return team;
    if (team->id.empty()) return core::Error::notFound(kTeamNotFound);
    return team;
  }
  auto teams = s.api().listAllTeams(s.organization);
  if (!teams) return std::move(teams).error();
  if (teams->empty()) return core::Error::notFound("no teams found in your organization");
  Selection sel;
  sel.title = "\nPlease select a team:";
  sel.table.headers = {"TEAMNAME", "ID"};
  for (const auto& t : *teams) sel.table.addRow({t.name, t.id});
  sel.invalidMessage = "invalid team selection";
  sel.noInput = [&teams, &how] {
    std::vector<std::pair<std::string, std::string>> c;
    for (const auto& t : *teams) c.emplace_back(t.name, t.id);
    return noAnswerError("a team", c, how);
  };
  auto i = selectRow(env, sel);
  if (!i) return std::move(i).error();
  return (*teams)[*i];
}

bool confirmIdpTeam(Environment& env, const core::Team& team, bool force) {
  if (!team.isIdpManaged || force) return true;
  return confirm(env,
                 "This is an IDP-managed team. Are you sure you want to continue the operation?");
}

}  // namespace astro::cli
