// bench_seed: prepares a benchmark database directly through the Store (not over HTTP).
//   bench_seed --db PATH --tokens N
// Initialises the organization (as `astro-server init` does) and adds N organization tokens in
// batches of 10,000 per transaction. Prints shell assignments for the harness:
//   OWNER_TOKEN=… ORG_ID=… TOKEN_ID=… (a token near the middle) UNKNOWN_TOKEN=… (well-formed, unknown)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/ids.h"
#include "core/tokens/token_codec.h"
#include "service/clock.h"
#include "service/services.h"
#include "store/sqlite/sqlite_store.h"

namespace {

[[noreturn]] void usage() {
  std::fprintf(stderr, "usage: bench_seed --db PATH --tokens N\n");
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  std::string db;
  long tokens = -1;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    if (flag == "--db") db = argv[i + 1];
    else if (flag == "--tokens") tokens = std::strtol(argv[i + 1], nullptr, 10);
    else usage();
  }
  if (db.empty() || tokens < 0) usage();

  using namespace astro;
  store::SqliteStore store({.path = db});
  service::SystemClock clock;
  auto random = service::osRandomBytes();
  service::Services services(store, clock, random);
  auto init = services.organizations.init("Bench Organization", "bench@example.com");
  if (!init.ok()) {
    std::fprintf(stderr, "init failed: %s\n", init.error().message.c_str());
    return 1;
  }
  if (!init->created) {
    std::fprintf(stderr, "%s is already initialised; use a new file\n", db.c_str());
    return 1;
  }
  const std::string& orgId = init->organization.id;

  std::string middleId;
  const auto start = std::chrono::steady_clock::now();
  const auto now = clock.now();
  constexpr long kBatch = 10000;
  for (long done = 0; done < tokens;) {
    auto tx = store.begin(store::Store::Mode::Write);
    for (long i = 0; i < kBatch && done < tokens; ++i, ++done) {
      store::TokenRecord r;
      r.organizationId = orgId;
      std::string value = core::generateTokenValue(core::TokenScopeTag::Organization, "", random);
      r.valueHash = core::hashTokenValue(value);
      core::ApiToken& t = r.token;
      t.id = core::generateId(random);
      t.name = "bench token " + std::to_string(done);
      t.description = "seeded by bench_seed";
      t.shortToken = core::shortTokenOf(value);
      t.roles = {{"ORGANIZATION", orgId, "ORGANIZATION_MEMBER", std::nullopt}};
      // Spread creation times so the default order (createdAt) is a real sort.
      t.startAt = t.createdAt = t.updatedAt = now - std::chrono::seconds(tokens - done);
      t.createdBy = t.updatedBy = core::BasicSubjectProfile{
          init->ownerUserId, core::SubjectType::User, "bench", "bench@example.com", "", {}};
      if (done == tokens / 2) middleId = t.id;
      tx->insertToken(r);
    }
    tx->commit();
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (middleId.empty()) middleId = init->tokenId;
  std::string unknown = core::generateTokenValue(core::TokenScopeTag::Organization, "", random);
  std::printf("OWNER_TOKEN=%s\nORG_ID=%s\nTOKEN_ID=%s\nUNKNOWN_TOKEN=%s\n",
              init->tokenValue.c_str(), orgId.c_str(), middleId.c_str(), unknown.c_str());
  std::fprintf(stderr, "seeded %ld tokens in %.1f s\n", tokens, secs);
  return 0;
}
