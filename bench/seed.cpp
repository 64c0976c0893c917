#include "seed.h"

#include <stdexcept>

#include "core/ids.h"
#include "core/tokens/token_codec.h"

namespace astro::bench {

Seeded seedTokens(store::Store& store, service::Services& services, const service::Clock& clock,
                  const core::RandomBytes& random, long tokens) {
  auto init = services.organizations.init("Bench Organization", "bench@example.com");
  if (!init.ok()) throw std::runtime_error("init failed: " + init.error().message);
  if (!init->created) throw std::runtime_error("the database is already initialised");
  Seeded out;
  out.ownerToken = init->tokenValue;
  out.orgId = init->organization.id;

  const auto now = clock.now();
  constexpr long kBatch = 10000;
  for (long done = 0; done < tokens;) {
    auto tx = store.begin(store::Store::Mode::Write);
    for (long i = 0; i < kBatch && done < tokens; ++i, ++done) {
      store::TokenRecord r;
      r.organizationId = out.orgId;
      std::string value = core::generateTokenValue(core::TokenScopeTag::Organization, "", random);
      r.valueHash = core::hashTokenValue(value);
      core::ApiToken& t = r.token;
      t.id = core::generateId(random);
      t.name = "bench token " + std::to_string(done);
      t.description = "seeded by bench_seed";
      t.shortToken = core::shortTokenOf(value);
      t.roles = {{"ORGANIZATION", out.orgId, "ORGANIZATION_MEMBER", std::nullopt}};
      // Spread creation times so the default order (createdAt) is a real sort.
      t.startAt = t.createdAt = t.updatedAt = now - std::chrono::seconds(tokens - done);
      t.createdBy = t.updatedBy = core::BasicSubjectProfile{
          init->ownerUserId, core::SubjectType::User, "bench", "bench@example.com", "", {}};
      if (done == tokens / 2) out.middleTokenId = t.id;
      out.values.push_back(std::move(value));
      tx->tokens().insert(r);
    }
    tx->commit();
  }
  if (out.middleTokenId.empty()) out.middleTokenId = init->tokenId;
  out.unknownToken = core::generateTokenValue(core::TokenScopeTag::Organization, "", random);
  return out;
}

}  // namespace astro::bench
