#include "cli/factory.h"

#include <ostream>

#include "core/domain_url.h"

namespace astro::cli {

std::string bearer(const std::string& token) {
  if (token.rfind("Bearer ", 0) == 0) return token;
  return "Bearer " + token;
}

std::string currentDomain(const Config& c, const Environment& env) {
  if (auto d = env.nonEmpty("ASTRO_DOMAIN")) return *d;
  return c.context;
}

ClientHandle makeClient(Environment& env, const std::string& baseUrl,
                        const std::string& authorization) {
  ClientHandle h;
  h.transport = env.makeTransport();
  client::ApiClientConfig cfg;
  cfg.baseUrl = baseUrl;
  cfg.authorization = authorization;
  cfg.identity = client::ClientIdentity::fromEnvironment(
      [&env](const std::string& name) { return env.getenv(name); });
  h.api = std::make_unique<client::ApiClient>(*h.transport, std::move(cfg));
  return h;
}

core::Result<Session> openSession(Environment& env) {
  auto cfg = loadConfig(env.resolvedConfigPath());
  if (!cfg) return std::move(cfg).error();
  Session s;
  s.config = std::move(*cfg);
  s.domain = currentDomain(s.config, env);
  const ContextEntry* ctx = s.domain.empty() ? nullptr : s.config.find(s.domain);

  if (auto apiToken = env.nonEmpty("ASTRO_API_TOKEN")) {
    env.err << "Using an Astro API Token\n";
    if (s.domain.empty())
      return core::Error::unauthenticated(
          "ASTRO_API_TOKEN is set but no server is known: set ASTRO_DOMAIN to the server's domain "
          "(for example ASTRO_DOMAIN=127.0.0.1:8888) or run astro login first");
    s.client = makeClient(env, core::baseUrlForDomain(s.domain), bearer(*apiToken));
    // The token acts inside its own organization only: ask the server which one that is.
    auto orgs = s.api().listOrganizations(100, 0);
    if (!orgs) return std::move(orgs).error();
    if (orgs->items.empty()) return core::Error::notFound(kNoOrganizationMessage);
    s.organization = orgs->items.front().id;
    if (ctx)
      for (const auto& o : orgs->items)
        if (o.id == ctx->organization) s.organization = o.id;
    return s;
  }

  if (s.domain.empty()) return core::Error::unauthenticated(kNoContextMessage);
  if (!ctx) return core::Error::unauthenticated(kNotConnectedMessage);
  if (ctx->token.empty() || ctx->token == "Bearer " || ctx->organization.empty())
    return core::Error::unauthenticated(kNotConnectedMessage);
  s.organization = ctx->organization;
  s.client = makeClient(env, core::baseUrlForDomain(s.domain), ctx->token);
  return s;
}

}  // namespace astro::cli
