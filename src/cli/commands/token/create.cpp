// astro organization token create
#include <ostream>

#include "cli/command.h"
#include "cli/commands/token/token_commands.h"
#include "cli/commands/token/token_support.h"
#include "cli/factory.h"
#include "cli/prompt.h"
#include "client/terminal_text.h"
#include "core/json/api_json.h"

namespace astro::cli {

namespace {
core::Result<void> tokenCreate(const TokenCreateOptions& o, Environment& env) {
  // Every flag is checked before the first prompt or request (departure 2).
  auto format = resolveOutputFormat(o.output);
  if (!format) return std::move(format).error();
  if (o.cleanOutput && *format != OutputFormat::Table)
    return core::Error::invalid("--clean-output and --output/--json cannot be used together");
  for (auto check : {validateRoleFlag(o.role), validateExpirationFlag(o.expiration),
                     validateDescriptionFlag(o.description), validateNameFlag(o.name)})
    if (!check) return check;

  std::string name = o.name;
  if (name.empty()) name = promptText(env, "Enter a name for the new Organization API token: ");
  std::string role = o.role;
  if (role.empty()) {
    auto chosen = selectOrganizationRole(env, "select a Organization Role for the new API token:");
    if (!chosen) return std::move(chosen).error();
    role = *chosen;
  }
  if (auto r = validateRoleFlag(role); !r) return r;
  if (name.empty())
    return core::Error::invalid(
        "no name provided for the organization token. Retry with a valid name");
  if (auto r = validateNameFlag(name); !r) return r;

  auto s = openSession(env);
  if (!s) return std::move(s).error();
  core::CreateApiTokenRequest req;
  req.name = name;
  req.description = o.description;
  req.role = role;
  req.scope = "ORGANIZATION";
  req.tokenExpiryPeriodInDays = o.expiration;
  auto token = s->api().createToken(s->organization, req);
  if (!token) return std::move(token).error();
  if (*format != OutputFormat::Table) {
    env.out << renderStructured(core::toJson(*token), *format);
  } else if (o.cleanOutput) {
    if (token->token) env.out << client::terminalText(*token->token) << "\n";
  } else {
    printIssuedToken(env, name, "created", *token);
  }
  return {};
}
}  // namespace

int runTokenCreate(const TokenCreateOptions& o, Environment& env) {
  return finish(env, tokenCreate(o, env));
}

}  // namespace astro::cli
