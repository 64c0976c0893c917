// PostgresStore: the store for installations that outgrow one machine. Several astro-server
// replicas share one PostgreSQL database; each keeps a pool of connections (libpq), runs the
// shared resources (store/sql/) on them, and applies the migrations of migrations/postgres on
// open under an advisory lock.
//
// Transactions: a read is REPEATABLE READ READ ONLY (one snapshot, like SQLite's read
// transactions: a page and its count agree); a write is READ COMMITTED and first takes one
// transaction-level advisory lock, so writes are serialized across every replica exactly as
// SQLite's BEGIN IMMEDIATE serializes them in one process (the audit chain, the owner count and
// every check-then-write of the services rely on that). Waiting longer than the lock timeout for
// that turn is Busy; waiting longer for a free pooled connection is Busy too.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace astro::store {

struct PostgresOptions {
  std::string url;  // postgresql://... or postgres://... (libpq; sslmode= asks for TLS)
  // Connections this process keeps at most (`--db-pool-size`): transactions beyond it wait.
  int poolSize = 8;
  // How long a transaction waits for a free connection, and a writer for its turn.
  int busyTimeoutMs = 5000;
  // Apply the schema to a database that has none (`init`, `serve --create`). Off by default: a
  // wrong URL must not be given a fresh empty schema silently. Missing migrations of an
  // existing schema are always applied.
  bool create = false;
  // Told of every failure but Conflict; may be null. Must outlive the store.
  FailureObserver* observer = nullptr;
  // The change follower's polling interval (`--change-poll-interval-ms`): how long a missed
  // notification can go unnoticed (it wakes at once on each one).
  int changePollIntervalMs = 250;
};

// True when `db` names a PostgreSQL database (postgresql:// or postgres://), not a file.
bool isPostgresUrl(std::string_view db);

class PostgresStore : public Store {
 public:
  // Connects and migrates; throws StoreError: Unavailable (cannot connect), NotFound (no schema
  // and not options.create), Io (a newer schema, a failed migration).
  explicit PostgresStore(PostgresOptions options);
  ~PostgresStore() override;
  std::unique_ptr<Transaction> begin(Mode mode) override;
  bool ping() override;
  // Not ready when the database does not answer or is a read-only standby.
  std::optional<std::string> unreadyReason() override;
  // Moved by this process's commits at once, and by the other replicas' as soon as the change
  // follower (store/postgres/pg_change_follower.h) applies them: woken by their NOTIFY, or at the
  // latest every changePollIntervalMs. While the follower cannot follow, every call answers a new
  // number: nothing cached is reused.
  std::uint64_t generation(std::string_view key) const override;
  // Whether the change follower is following (connected and caught up) right now.
  bool following() const;
  const StoreStats* stats() const override;
  std::optional<ChangeFollowing> changeFollowing() const override;
  int schemaVersion();
  // The URL without its password, for logs.
  std::string describe() const;

  struct Impl;  // pg_store.cpp (its pool and transactions reach it)

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace astro::store
