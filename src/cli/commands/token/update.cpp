// astro organization token update [TOKEN_ID] — the seed page's command, with its documented
// --expiration/-e and --clean-output/-c (departure 1).
#include <ostream>

#include "cli/command.h"
#include "cli/commands/token/token_commands.h"
#include "cli/commands/token/token_lookup.h"
#include "cli/commands/token/token_support.h"
#include "client/terminal_text.h"

namespace astro::cli {

namespace {
core::Result<void> tokenUpdate(const TokenUpdateOptions& o, Environment& env) {
  for (auto check : {validateRoleFlag(o.role), validateExpirationFlag(o.expiration),
                     validateNameFlag(o.newName), validateDescriptionFlag(o.description)})
    if (!check) return check;

  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto token = lookUpToken(env, *s, o.tokenId, o.name, "astro organization token update");
  if (!token) return std::move(token).error();

  core::UpdateApiTokenRequest req;
  req.name = o.newName.empty() ? token->name : o.newName;
  req.description = o.description.empty() ? token->description : o.description;
  req.tokenExpiryPeriodInDays = o.expiration;
  auto updated = s->api().updateToken(s->organization, token->id, req);
  if (!updated) return std::move(updated).error();

  if (!o.role.empty()) {
    core::UpdateApiTokenRolesRequest roles;
    for (const auto& r : token->roles)
      if (!(r.entityType == "ORGANIZATION" && r.entityId == s->organization))
        roles.roles.push_back(r);
    roles.roles.push_back({"ORGANIZATION", s->organization, o.role, std::nullopt});
    auto applied = s->api().updateTokenRoles(s->organization, token->id, roles);
    if (!applied) {
      core::Error e = std::move(applied).error();
      e.message +=
          " (the token's name, description and expiration were updated; its role was "
          "not changed)";
      return e;
    }
  }
  if (o.cleanOutput)
    env.out << client::terminalText(token->id) << "\n";
  else
    env.out << "Astro Organization API token " << client::terminalText(token->name)
            << " was successfully updated\n";
  return {};
}
}  // namespace

int runTokenUpdate(const TokenUpdateOptions& o, Environment& env) {
  return finish(env, tokenUpdate(o, env));
}

}  // namespace astro::cli
