// astro organization team list
#include <boost/json/array.hpp>
#include <ostream>

#include "cli/command.h"
#include "cli/commands/team/team_commands.h"
#include "cli/table.h"

namespace astro::cli {

namespace {
core::Result<void> teamList(const TeamListOptions& o, Environment& env) {
  auto format = resolveOutputFormat(o.output);
  if (!format) return std::move(format).error();
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto teams = s->api().listAllTeams(s->organization);
  if (!teams) return std::move(teams).error();
  if (*format != OutputFormat::Table) {
    // The Go CLI's JSON shape (reference §3.7): empty or false fields omitted.
    boost::json::array a;
    for (const auto& t : *teams) {
      boost::json::object j{{"id", t.id}, {"name", t.name}};
      if (t.description && !t.description->empty()) j["description"] = *t.description;
      j["createdAt"] = core::formatRfc3339(t.createdAt);
      if (!t.organizationRole.empty()) j["orgRole"] = t.organizationRole;
      if (t.isIdpManaged) j["isIdpManaged"] = true;
      a.push_back(std::move(j));
    }
    env.out << renderStructured(boost::json::object{{"teams", std::move(a)}}, *format);
    return {};
  }
  Table table;
  table.headers = {"ID", "NAME", "DESCRIPTION", "ORG ROLE", "IDP MANAGED", "CREATE DATE"};
  for (const auto& t : *teams)
    table.addRow({t.id, t.name, t.description.value_or(""), t.organizationRole,
                  t.isIdpManaged ? "true" : "false", core::formatRfc3339(t.createdAt)});
  env.out << renderTable(table, env.colour());
  return {};
}
}  // namespace

int runTeamList(const TeamListOptions& o, Environment& env) {
  return finish(env, teamList(o, env));
}

}  // namespace astro::cli
