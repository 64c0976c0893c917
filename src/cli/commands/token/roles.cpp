// astro organization token roles [TOKEN_ID]
#include <boost/json/array.hpp>
#include <ostream>

#include "cli/command.h"
#include "cli/commands/token/token_commands.h"
#include "cli/commands/token/token_lookup.h"
#include "cli/table.h"
#include "core/json/api_json.h"

namespace astro::cli {

namespace {
core::Result<void> tokenRoles(const TokenRolesOptions& o, Environment& env) {
  auto format = resolveOutputFormat(o.output);
  if (!format) return std::move(format).error();
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto token = lookUpToken(env, *s, o.tokenId, "", "astro organization token roles");
  if (!token) return std::move(token).error();
  if (*format != OutputFormat::Table) {
    boost::json::array a;
    for (const auto& r : token->roles) a.emplace_back(core::toJson(r));
    env.out << renderStructured(boost::json::object{{"roles", std::move(a)}}, *format);
    return {};
  }
  Table table;
  table.headers = {"ENTITY_TYPE", "ENTITY_ID", "ROLE"};
  for (const auto& r : token->roles) table.addRow({r.entityType, r.entityId, r.role});
  env.out << renderTable(table, env.colour());
  return {};
}
}  // namespace

int runTokenRoles(const TokenRolesOptions& o, Environment& env) {
  return finish(env, tokenRoles(o, env));
}

}  // namespace astro::cli
