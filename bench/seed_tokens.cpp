// bench_seed: prepares a benchmark database directly through the Store (not over HTTP).
//   bench_seed --db PATH --tokens N
// Initialises the organization (as `astro-server init` does) and adds N organization tokens in
// batches of 10,000 per transaction. Prints shell assignments for the harness:
//   OWNER_TOKEN=… ORG_ID=… TOKEN_ID=… (a token near the middle) UNKNOWN_TOKEN=… (well-formed, unknown)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "seed.h"
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
  store::SqliteStore store({.path = db, .create = true});
  service::SystemClock clock;
  auto random = service::osRandomBytes();
  service::Services services(store, clock, random);
  const auto start = std::chrono::steady_clock::now();
  bench::Seeded seeded;
  try {
    seeded = bench::seedTokens(store, services, clock, random, tokens);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", db.c_str(), e.what());
    return 1;
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("OWNER_TOKEN=%s\nORG_ID=%s\nTOKEN_ID=%s\nUNKNOWN_TOKEN=%s\n",
              seeded.ownerToken.c_str(), seeded.orgId.c_str(), seeded.middleTokenId.c_str(),
              seeded.unknownToken.c_str());
  std::fprintf(stderr, "seeded %ld tokens in %.1f s\n", tokens, secs);
  return 0;
}
