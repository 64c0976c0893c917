// astro organization token rotate [TOKEN_ID]
#include <ostream>

#include "cli/command.h"
#include "cli/commands/token/token_commands.h"
#include "cli/commands/token/token_lookup.h"
#include "cli/commands/token/token_support.h"
#include "cli/prompt.h"
#include "client/terminal_text.h"
#include "core/json/api_json.h"

namespace astro::cli {

namespace {
core::Result<void> tokenRotate(const TokenRotateOptions& o, Environment& env) {
  auto format = resolveOutputFormat(o.output);
  if (!format) return std::move(format).error();
  if (o.cleanOutput && *format != OutputFormat::Table)
    return core::Error::invalid("--clean-output and --output/--json cannot be used together");
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto token = lookUpToken(env, *s, o.tokenId, o.name, "astro organization token rotate");
  if (!token) return std::move(token).error();
  if (!o.force) {
    env.out << "WARNING: API Token rotation will invalidate the current token and cannot be "
               "undone.\n";
    if (!confirm(env, "\nAre you sure you want to rotate the " +
                          bold(env, client::terminalText(token->name)) + " API token?")) {
      env.out << "Canceling token rotation\n";
      return {};
    }
  }
  auto rotated = s->api().rotateToken(s->organization, token->id);
  if (!rotated) return std::move(rotated).error();
  if (*format != OutputFormat::Table) {
    env.out << renderStructured(core::toJson(*rotated), *format);
  } else if (o.cleanOutput) {
    if (rotated->token) env.out << client::terminalText(*rotated->token) << "\n";
  } else {
    // The real name, also when the token was given by ID (departure 3).
    printIssuedToken(env, token->name, "rotated", *rotated);
  }
  return {};
}
}  // namespace

int runTokenRotate(const TokenRotateOptions& o, Environment& env) {
  return finish(env, tokenRotate(o, env));
}

}  // namespace astro::cli
