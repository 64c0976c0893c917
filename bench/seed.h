// Seeding a benchmark database straight through the Store (not over HTTP), shared by bench_seed
// and micro_bench: the organization as `astro-server init` makes it, plus N organization tokens.
#pragma once

#include <string>
#include <vector>

#include "service/services.h"
#include "store/store.h"

namespace astro::bench {

struct Seeded {
  std::string ownerToken;    // the owner's token value (OWNER)
  std::string orgId;
  std::string middleTokenId;  // a token near the middle of the creation order
  std::string unknownToken;   // well-formed, never issued
  std::vector<std::string> values;  // every seeded token's value (ORGANIZATION_MEMBER), in order
};

// Throws std::runtime_error when the database is already initialised or init fails.
Seeded seedTokens(store::Store& store, service::Services& services, const service::Clock& clock,
                  const core::RandomBytes& random, long tokens);

}  // namespace astro::bench
