// astro logout [DOMAIN]: forgets the stored token and clears the current context.
#include <ostream>

#include "cli/command.h"
#include "cli/commands/login/login_commands.h"
#include "cli/factory.h"

namespace astro::cli {

namespace {
core::Result<void> logout(const LogoutOptions& o, Environment& env) {
  auto cfg = loadConfig(env.resolvedConfigPath());
  if (!cfg) return std::move(cfg).error();
  std::string domain = o.domain.empty() ? currentDomain(*cfg, env) : o.domain;
  if (domain.empty()) return core::Error::unauthenticated(kNoContextMessage);
  auto written = updateConfig(env.resolvedConfigPath(), [&](Config& c) -> core::Result<void> {
    if (ContextEntry* ctx = c.find(domain)) {
      ctx->token.clear();
      ctx->userEmail.clear();
    }
    c.context.clear();
    return {};
  });
  if (!written) return written;
  env.out << "Successfully logged out of Astronomer\n";
  return {};
}
}  // namespace

int runLogout(const LogoutOptions& o, Environment& env) {
  return finish(env, logout(o, env));
}

}  // namespace astro::cli
