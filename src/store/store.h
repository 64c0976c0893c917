// Store: the persistence interface. A Transaction carries every read and write, through one
// interface per resource (store/resources/); the SQLite (and later PostgreSQL) implementations
// live behind them and pass one conformance suite.
//
// Thread-safety: a Store is shared by all threads; a Transaction belongs to one thread.
// Failures (I/O, constraint violations, busy timeouts) throw StoreError; the service layer
// catches it at its boundary and answers 500 (409 for Conflict, 503 for Unavailable). A Store
// also tells a FailureObserver (the server's log) of each failure, since the service layer
// answers them without saying why.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/pagination.h"
#include "store/records.h"
#include "store/resources/audit_records.h"
#include "store/resources/invites.h"
#include "store/resources/organizations.h"
#include "store/resources/teams.h"
#include "store/resources/tokens.h"
#include "store/resources/users.h"
#include "store/resources/workspaces.h"

namespace astro::store {

class StoreError : public std::runtime_error {
 public:
  enum class Kind {
    Io,           // the database failed (I/O error, corruption, ...)
    Conflict,     // a constraint refused the write
    Busy,         // no write turn within the busy timeout
    Unavailable,  // the database cannot accept writes now (removed, replaced, full, read-only)
    NotFound,     // an update of a row that does not exist (the service answers 404); opening:
                  // the database file does not exist (and was not to be created)
    Locked,       // opening: another process holds the database's single-writer lock
    Retry,        // the database gave this transaction up to keep others consistent
                  // (serialization failure, deadlock): running it again from the start may work
  };
  StoreError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// One failure as the operator's log should show it: never a bound value or a secret.
struct StoreFailure {
  StoreError::Kind kind = StoreError::Kind::Io;
  std::string cause;    // a stable name to group by, e.g. "SQLITE_FULL", "database_removed"
  std::string message;  // what failed and why, e.g. "sqlite: executing a statement: database or
                        // disk is full"
};

// Told of every failure but Conflict (expected in normal operation: the service answers 409).
// Called on the failing thread, possibly from many threads at once; must not throw.
class FailureObserver {
 public:
  virtual ~FailureObserver() = default;
  virtual void storeFailed(const StoreFailure& failure) noexcept = 0;
};

// One unit of work on the database, reaching each resource through its own interface
// (store/resources/): tx.tokens().find(...), tx.teams().list(...). Everything done through
// one transaction commits or rolls back together. After a StoreError the transaction is good
// only for being destroyed (rolled back): PostgreSQL aborts a transaction at its first failed
// statement. After commit() it is done: its resources must not be used again.
class Transaction {
 public:
  virtual ~Transaction() = default;
  // Makes every write of this transaction durable. Without commit, destruction rolls back.
  virtual void commit() = 0;

  virtual Organizations& organizations() = 0;
  virtual Users& users() = 0;
  virtual Invites& invites() = 0;
  virtual Workspaces& workspaces() = 0;
  virtual Teams& teams() = 0;
  virtual Tokens& tokens() = 0;
  virtual AuditRecords& audit() = 0;
};

class StoreStats;  // store/store_stats.h

// How a replica follows the changes the other replicas write (for /metrics).
struct ChangeFollowing {
  bool following = false;       // connected and caught up: the caches are trusted
  std::int64_t appliedSeq = 0;  // the last change_log seq applied
  std::uint64_t applied = 0;    // other replicas' changes applied
  std::uint64_t connects = 0;   // connections made (1 + reconnects)
  std::uint64_t resets = 0;     // everything cached dropped: changes were pruned unseen
};

class Store {
 public:
  enum class Mode { Read, Write };
  virtual ~Store() = default;
  // Write transactions are serialized (BEGIN IMMEDIATE in SQLite); reads run concurrently.
  virtual std::unique_ptr<Transaction> begin(Mode mode) = 0;
  // True when the database answers a trivial query.
  virtual bool ping() = 0;
  // The /readyz check: empty when the store can serve reads and writes, else why not (for the
  // operator's log: it may name the database path). By default, ping().
  virtual std::optional<std::string> unreadyReason() {
    if (ping()) return std::nullopt;
    return std::string("the database does not answer");
  }
  // The generation of a change-log key (store/change_keys.h): a number that moves whenever a
  // write that makes the key stale ends, before the thread that wrote learns the outcome, and,
  // on a database other processes write too, once this process has applied their change.
  // Read it before reading the data: what was read while the key's generation was G is current
  // for as long as it is still G. (Keys share counters: it may also move for another key.)
  virtual std::uint64_t generation(std::string_view key) const = 0;
  // What /metrics shows of this store (transaction latency, failures); null when the backend
  // counts nothing (test doubles).
  virtual const StoreStats* stats() const { return nullptr; }
  // Where other processes write the same database (PostgreSQL): how this one follows their
  // changes. Nullopt where this process is the only writer (SQLite).
  virtual std::optional<ChangeFollowing> changeFollowing() const { return std::nullopt; }
  // Whether a read transaction may wait (for a connection, a lock, a round trip to a server).
  // False for SQLite in WAL mode: a reader never waits for a lock; it reads the page cache or
  // the file. The server runs reads that cannot wait on its I/O threads.
  virtual bool readsMayWait() const { return true; }
};

}  // namespace astro::store
