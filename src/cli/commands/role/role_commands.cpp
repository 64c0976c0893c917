// astro organization role list (reference §3.15, with -o/--output: departure 7), and the
// building of `astro organization role` (aliases `ro`, `roles`, a row of the organization table).
#include <CLI/CLI.hpp>
#include <boost/json/array.hpp>
#include <ostream>

#include "cli/command.h"
#include "cli/factory.h"
#include "cli/table.h"
#include "core/json/access_json.h"

namespace astro::cli {

namespace {

struct RoleListOptions {
  bool includeDefaultRoles = false;
  OutputFlags output;
  std::vector<std::string> args;
};

core::Result<void> roleList(const RoleListOptions& o, Environment& env) {
  auto format = resolveOutputFormat(o.output);
  if (!format) return std::move(format).error();
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto all = s->api().listAllRoles(s->organization, o.includeDefaultRoles);
  if (!all) return std::move(all).error();
  if (*format != OutputFormat::Table) {
    boost::json::object j;
    boost::json::array roles;
    for (const auto& r : all->roles) roles.emplace_back(core::toJson(r));
    j["roles"] = std::move(roles);
    if (o.includeDefaultRoles) {
      boost::json::array defaults;
      for (const auto& r : all->defaultRoles) defaults.emplace_back(core::toJson(r));
      j["defaultRoles"] = std::move(defaults);
    }
    env.out << renderStructured(j, *format);
    return {};
  }
  Table table;
  table.headers = {"NAME", "ID", "DESCRIPTION"};
  for (const auto& r : all->defaultRoles) table.addRow({r.name, "", r.description.value_or("")});
  for (const auto& r : all->roles) table.addRow({r.name, r.id, r.description.value_or("")});
  env.out << renderTable(table, env.colour());
  return {};
}

}  // namespace

void addRoleCommands(CLI::App& group, CommandContext& cc) {
  auto* role = &group;
  cc.longHelp[role] = "Manage roles in your Astro Organization.";
  makeGroup(*role, cc);
  Environment& env = cc.env;

  auto& o = cc.make<RoleListOptions>();
  auto* cmd = role->add_subcommand("list", "List all the roles in your Astro Organization");
  cmd->alias("ls");
  cc.longHelp[cmd] =
      "List all custom roles in your Organization. Custom roles define fine-grained permissions "
      "that can be assigned to users, teams, and tokens. Use --include-default-roles to also show "
      "the built-in system roles (Organization Member, Owner, etc.).";
  cmd->add_flag("-i,--include-default-roles", o.includeDefaultRoles,
                "Should include default roles in response");
  auto* out = addOutputFlags(*cmd, o.output);
  acceptExtraArgs(*cmd, o.args);
  cmd->callback([&o, &cc, &env, out] {
    o.output.outputGiven = out->count() > 0;
    cc.exitCode = finish(env, roleList(o, env));
  });
}

}  // namespace astro::cli
