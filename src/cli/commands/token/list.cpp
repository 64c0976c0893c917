// astro organization token list
#include <boost/json/array.hpp>
#include <ostream>

#include "cli/command.h"
#include "cli/commands/token/token_commands.h"
#include "cli/commands/token/token_support.h"
#include "cli/factory.h"
#include "cli/table.h"
#include "core/json/api_json.h"

namespace astro::cli {

namespace {
core::Result<void> tokenList(const TokenListOptions& o, Environment& env) {
  auto format = resolveOutputFormat(o.output);
  if (!format) return std::move(format).error();
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  core::TokenListFilter filter;
  filter.includeOnlyOrganizationTokens = true;
  auto tokens = s->api().listAllTokens(s->organization, filter);
  if (!tokens) return std::move(tokens).error();
  if (*format != OutputFormat::Table) {
    boost::json::array a;
    for (const auto& t : *tokens) a.emplace_back(core::toJson(t));
    env.out << renderStructured(boost::json::object{{"tokens", std::move(a)}}, *format);
    return {};
  }
  Table table;
  table.headers = {"ID",      "NAME",       "DESCRIPTION", "SCOPE",    "ORGANIZATION ROLE",
                   "CREATED", "CREATED BY", "EXPIRES",     "LAST USED"};
  auto now = env.currentTime();
  for (const auto& t : *tokens)
    table.addRow({t.id, t.name, t.description, t.scope, t.organizationRole(),
                  core::timeAgo(t.createdAt, now), createdByOf(t),
                  t.endAt ? core::formatDate(*t.endAt) : "never",
                  t.lastUsedAt ? core::timeAgo(*t.lastUsedAt, now) : "never"});
  env.out << renderTable(table, env.colour());
  return {};
}
}  // namespace

int runTokenList(const TokenListOptions& o, Environment& env) {
  return finish(env, tokenList(o, env));
}

}  // namespace astro::cli
