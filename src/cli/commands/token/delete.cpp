// astro organization token delete [TOKEN_ID]
#include <ostream>

#include "cli/command.h"
#include "cli/commands/token/token_commands.h"
#include "cli/commands/token/token_lookup.h"
#include "cli/commands/token/token_support.h"
#include "cli/prompt.h"
#include "client/terminal_text.h"

namespace astro::cli {

namespace {
core::Result<void> tokenDelete(const TokenDeleteOptions& o, Environment& env) {
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto token = lookUpToken(env, *s, o.tokenId, o.name, "astro organization token delete");
  if (!token) return std::move(token).error();
  if (!o.force) {
    env.out << "WARNING: API token deletion cannot be undone.\n";
    if (!confirm(env, "\nAre you sure you want to delete the " +
                          bold(env, client::terminalText(token->name)) + " API token?")) {
      env.out << "Canceling API Token deletion\n";
      return {};
    }
  }
  if (auto r = s->api().deleteToken(s->organization, token->id); !r) return r;
  env.out << "Astro Organization API token " << client::terminalText(token->name)
          << " was successfully deleted\n";
  return {};
}
}  // namespace

int runTokenDelete(const TokenDeleteOptions& o, Environment& env) {
  return finish(env, tokenDelete(o, env));
}

}  // namespace astro::cli
