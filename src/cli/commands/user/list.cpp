// astro organization user list
#include <boost/json/array.hpp>
#include <ostream>

#include "cli/command.h"
#include "cli/commands/user/user_commands.h"
#include "cli/table.h"

namespace astro::cli {

namespace {
core::Result<void> userList(const UserListOptions& o, Environment& env) {
  auto format = resolveOutputFormat(o.output);
  if (!format) return std::move(format).error();
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto users = s->api().listAllUsers(s->organization);
  if (!users) return std::move(users).error();
  if (*format != OutputFormat::Table) {
    // The Go CLI's JSON shape (reference §3.4): orgRole omitted when empty.
    boost::json::array a;
    for (const auto& u : *users) {
      boost::json::object j{{"fullName", u.fullName},
                            {"email", u.username},
                            {"id", u.id},
                            {"createdAt", core::formatRfc3339(u.createdAt)}};
      if (u.organizationRole && !u.organizationRole->empty()) j["orgRole"] = *u.organizationRole;
      a.push_back(std::move(j));
    }
    env.out << renderStructured(boost::json::object{{"users", std::move(a)}}, *format);
    return {};
  }
  Table table;
  table.headers = {"FULLNAME", "EMAIL", "ID", "ORGANIZATION ROLE", "CREATE DATE"};
  for (const auto& u : *users)
    table.addRow({u.fullName, u.username, u.id, u.organizationRole.value_or(""),
                  core::formatRfc3339(u.createdAt)});
  env.out << renderTable(table, env.colour());
  return {};
}
}  // namespace

int runUserList(const UserListOptions& o, Environment& env) {
  return finish(env, userList(o, env));
}

}  // namespace astro::cli
