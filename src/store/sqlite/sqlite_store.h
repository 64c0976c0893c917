// SqliteStore: the embedded default. One database file in WAL mode, a connection per thread
// (opened lazily), schema migrations from migrations/sqlite applied on open.
// Every commit is durable (synchronous=FULL), so an acknowledged write survives a power cut.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace astro::store {

struct SqliteOptions {
  std::string path;            // ":memory:" gives a private in-memory database (tests)
  int busyTimeoutMs = 5000;    // how long a writer waits for the write lock
  int cacheSizeKiB = 16384;    // page cache per connection
};

class SqliteStore : public Store {
 public:
  // Opens (creating if needed) and migrates; throws StoreError when that fails.
  explicit SqliteStore(SqliteOptions options);
  ~SqliteStore() override;
  std::unique_ptr<Transaction> begin(Mode mode) override;
  bool ping() override;
  std::uint64_t generation() const override;
  // The schema version after migration (tests, `astro-server` start log).
  int schemaVersion();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace astro::store
