// astro organization list
#include <boost/json/array.hpp>
#include <ostream>

#include "cli/command.h"
#include "cli/commands/organization/organization_commands.h"
#include "cli/factory.h"
#include "cli/table.h"

namespace astro::cli {

namespace {
core::Result<void> organizationList(const OrganizationListOptions& o, Environment& env) {
  auto format = resolveOutputFormat(o.output);
  if (!format) return std::move(format).error();
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto orgs = s->api().listAllOrganizations();
  if (!orgs) {
    core::Error e = std::move(orgs).error();
    e.message =
        "cannot connect to Astronomer. Try to log in with astro login or check your internet "
        "connection and user permissions. If you are using an API Key or Token make sure your "
        "context is correct.\n\nDetails" +
        e.message;
    return e;
  }
  if (*format != OutputFormat::Table) {
    boost::json::array a;
    for (const auto& org : *orgs)
      a.push_back(boost::json::object{
          {"name", org.name}, {"id", org.id}, {"isCurrent", org.id == s->organization}});
    env.out << renderStructured(boost::json::object{{"organizations", std::move(a)}}, *format);
    return {};
  }
  Table table;
  table.headers = {"NAME", "ID"};
  for (const auto& org : *orgs) table.addRow({org.name, org.id}, org.id == s->organization);
  env.out << renderTable(table, env.colour());
  return {};
}
}  // namespace

int runOrganizationList(const OrganizationListOptions& o, Environment& env) {
  return finish(env, organizationList(o, env));
}

}  // namespace astro::cli
