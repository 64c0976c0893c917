// astro login [DOMAIN] -t TOKEN: checks the token with GET /v1/organizations before anything is
// written, then stores the context (token "Bearer …", the organization).
#include <ostream>

#include "cli/command.h"
#include "cli/commands/login/login_commands.h"
#include "cli/factory.h"
#include "client/terminal_text.h"
#include "core/domain_url.h"

namespace astro::cli {

namespace {
core::Result<void> login(const LoginOptions& o, Environment& env) {
  auto cfg = loadConfig(env.resolvedConfigPath());
  if (!cfg) return std::move(cfg).error();
  std::string domain = o.domain;
  if (domain.empty()) domain = cfg->context.empty() ? "astronomer.io" : cfg->context;
  if (o.token.empty())
    return core::Error::invalid(
        "interactive browser login is not available for this server; log in with an API token: "
        "astro login " +
        domain + " --token-login <token>");
  env.out << "Welcome to the Astro CLI 🚀\n";
  std::string authorization = bearer(o.token);
  ClientHandle c = makeClient(env, core::baseUrlForDomain(domain), authorization);
  auto orgs = c.api->listAllOrganizations();
  if (!orgs) return std::move(orgs).error();
  if (orgs->empty()) return core::Error::notFound(kNoOrganizationMessage);
  const core::Organization* chosen = &orgs->front();
  if (const ContextEntry* existing = cfg->find(domain))
    for (const auto& org : *orgs)
      if (org.id == existing->organization) chosen = &org;
  core::Organization org = *chosen;
  auto written = updateConfig(env.resolvedConfigPath(), [&](Config& c) -> core::Result<void> {
    auto& ctx = c.upsert(domain);
    if (ctx.organization != org.id) {
      ctx.workspace.clear();
      ctx.lastUsedWorkspace.clear();
    }
    ctx.domain = domain;
    ctx.organization = org.id;
    ctx.organizationProduct = org.product.empty() ? "HYBRID" : org.product;
    ctx.token = authorization;
    ctx.refreshToken.clear();
    ctx.userEmail.clear();
    ctx.expiresIn.clear();
    c.context = domain;
    return {};
  });
  if (!written) return written;
  env.out << "Logged in to organization " << client::terminalText(org.name) << " ("
          << client::terminalText(org.id) << ")\n";
  env.out << "Successfully authenticated to Astronomer\n";
  return {};
}
}  // namespace

int runLogin(const LoginOptions& o, Environment& env) {
  return finish(env, login(o, env));
}

}  // namespace astro::cli
