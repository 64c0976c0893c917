// astro organization team user list
#include <boost/json/array.hpp>
#include <ostream>

#include "cli/command.h"
#include "cli/commands/team/team_commands.h"
#include "cli/table.h"
#include "core/json/access_json.h"

namespace astro::cli {

namespace {
core::Result<void> teamUserList(const TeamUserListOptions& o, Environment& env) {
  auto format = resolveOutputFormat(o.output);
  if (!format) return std::move(format).error();
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto team = resolveTeam(env, *s, o.teamId,
                          "Pass the team ID to choose without a prompt: astro organization team "
                          "user list --team-id <TEAM_ID>");
  if (!team) return std::move(team).error();
  auto members = s->api().listAllTeamMembers(s->organization, team->id);
  if (!members) return std::move(members).error();
  if (*format != OutputFormat::Table) {
    boost::json::array a;
    for (const auto& m : *members) a.emplace_back(core::toJson(m));
    env.out << renderStructured(boost::json::object{{"teamMembers", std::move(a)}}, *format);
    return {};
  }
  if (members->empty()) {
    env.out << "The selected team has no members\n";
    return {};
  }
  Table table;
  table.headers = {"ID", "FullName", "Email"};
  for (const auto& m : *members) table.addRow({m.userId, m.fullName.value_or(""), m.username});
  env.out << renderTable(table, env.colour());
  return {};
}
}  // namespace

int runTeamUserList(const TeamUserListOptions& o, Environment& env) {
  return finish(env, teamUserList(o, env));
}

}  // namespace astro::cli
