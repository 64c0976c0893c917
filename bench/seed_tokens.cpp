// bench_seed: prepares a benchmark database directly through the Store (not over HTTP).
//   bench_seed --db PATH|postgresql://... --tokens N [--values FILE]
// --values: every seeded token's value, one per line (ORGANIZATION_MEMBER tokens: the "many
// distinct tokens" load of scripts/bench.sh).
// Initialises the organization (as `astro-server init` does) and adds N organization tokens in
// batches of 10,000 per transaction. Prints shell assignments for the harness:
//   OWNER_TOKEN=… ORG_ID=… TOKEN_ID=… (a token near the middle) UNKNOWN_TOKEN=… (well-formed,
//   unknown)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

#include "seed.h"
#include "service/clock.h"
#include "service/services.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace {

[[noreturn]] void usage() {
  std::fprintf(stderr, "usage: bench_seed --db PATH|URL --tokens N [--values FILE]\n");
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, valuesFile;
  long tokens = -1;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    if (flag == "--db") db = argv[i + 1];
    else if (flag == "--tokens") tokens = std::strtol(argv[i + 1], nullptr, 10);
    else if (flag == "--values")
      valuesFile = argv[i + 1];
    else usage();
  }
  if (db.empty() || tokens < 0) usage();

  using namespace astro;
  std::unique_ptr<store::Store> opened;
  if (store::isPostgresUrl(db))
    opened =
        std::make_unique<store::PostgresStore>(store::PostgresOptions{.url = db, .create = true});
  else
    opened = std::make_unique<store::SqliteStore>(store::SqliteOptions{.path = db, .create = true});
  store::Store& store = *opened;
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
  if (!valuesFile.empty()) {
    std::FILE* f = std::fopen(valuesFile.c_str(), "w");
    if (f == nullptr) {
      std::fprintf(stderr, "cannot write %s\n", valuesFile.c_str());
      return 1;
    }
    for (const auto& v : seeded.values) std::fprintf(f, "%s\n", v.c_str());
    std::fclose(f);
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("OWNER_TOKEN=%s\nORG_ID=%s\nTOKEN_ID=%s\nUNKNOWN_TOKEN=%s\n",
              seeded.ownerToken.c_str(), seeded.orgId.c_str(), seeded.middleTokenId.c_str(),
              seeded.unknownToken.c_str());
  std::fprintf(stderr, "seeded %ld tokens in %.1f s\n", tokens, secs);
  return 0;
}
