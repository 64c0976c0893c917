// The stores the tests run on, in one place: in-memory SQLite, or a PostgresStore on a fresh
// database of the run's throwaway cluster (support/pg_cluster.h), dropped with the store.
#pragma once

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"
#include "support/pg_cluster.h"

namespace astro::testing {

// A PostgresStore on a database of its own, dropped when the store is.
class ThrowawayPostgresStore final : public store::PostgresStore {
 public:
  ThrowawayPostgresStore() : ThrowawayPostgresStore(createTestDatabase()) {}
  ~ThrowawayPostgresStore() override {
    try {
      dropTestDatabase(url_);
    } catch (const std::exception&) {
      // The cluster is thrown away at the end of the run anyway.
    }
  }

 private:
  explicit ThrowawayPostgresStore(const std::string& url)
      : store::PostgresStore(store::PostgresOptions{.url = url, .poolSize = 4, .create = true}),
        url_(url) {}
  std::string url_;
};

// What ASTRO_TEST_STORE asks for: "postgres", or (unset) in-memory SQLite. CTest runs the
// service suite once with each (tests/CMakeLists.txt).
inline bool testStoreIsPostgres() {
  const char* v = std::getenv("ASTRO_TEST_STORE");
  return v != nullptr && std::string_view(v) == "postgres";
}

inline std::unique_ptr<store::Store> makeTestStore() {
  if (testStoreIsPostgres()) return std::make_unique<ThrowawayPostgresStore>();
  return std::make_unique<store::SqliteStore>(store::SqliteOptions{.path = ":memory:"});
}

}  // namespace astro::testing
