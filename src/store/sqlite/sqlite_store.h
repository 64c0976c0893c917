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
  // Create the file (0600) when it is missing. Off by default: a mistyped path must not become
  // a fresh empty database (only `init` and `serve --create` create one).
  bool create = false;
  // Take the single-writer lock on the file (`serve`): StoreError(Locked) when another process
  // holds it.
  bool exclusive = false;
  // Told of every failure but Conflict; may be null. Must outlive the store.
  FailureObserver* observer = nullptr;
  // How often /readyz may retry a write after a write failed (a probe that commits one page).
  int writeProbeIntervalMs = 1000;
};

class SqliteStore : public Store {
 public:
  // Opens (creating the file when options.create) and migrates; throws StoreError when that
  // fails: NotFound, Locked, or Io (a second name, a newer schema, an unreadable file...).
  explicit SqliteStore(SqliteOptions options);
  ~SqliteStore() override;
  std::unique_ptr<Transaction> begin(Mode mode) override;
  // False for a file (WAL: a reader takes no lock); true for ":memory:", whose connections share
  // one cache with table locks a reader may have to wait for.
  bool readsMayWait() const override;
  bool ping() override;
  // Not ready when the file was removed or replaced, corruption was seen, or the last write
  // failed for want of space, permission or I/O and a probe write still fails.
  std::optional<std::string> unreadyReason() override;
  std::uint64_t generation(std::string_view key) const override;
  const StoreStats* stats() const override;
  // The schema version after migration (tests, `astro-server` start log).
  int schemaVersion();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace astro::store
