#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "store/sqlite/database_file.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_transaction.h"

namespace astro::store {

namespace {

// Never reused, so a thread's cached connection can never be mistaken for another store's.
std::atomic<std::uint64_t> nextStoreId{1};

struct ThreadCache {
  std::uint64_t storeId = 0;
  sqlite::Connection* conn = nullptr;
};
thread_local ThreadCache threadCache;

}  // namespace

struct SqliteStore::Impl final : sqlite::ConnectionEvents {
  SqliteOptions options;
  // Declared before the connections, so it is closed after them (see DatabaseFile::fd_).
  std::unique_ptr<sqlite::DatabaseFile> file;  // null for ":memory:"
  sqlite::ConnectionOptions connOptions;
  std::uint64_t id = nextStoreId.fetch_add(1);
  std::mutex mu;
  ChangeStamps stamps;  // this process is the only writer: its own commits move them
  StoreStats stats;
  // This process's writers take turns here before BEGIN IMMEDIATE: a waiting writer is woken the
  // moment the previous one ends, instead of polling SQLite's lock in the busy handler's sleeps
  // (up to 100 ms each), which made the tail of concurrent creates long. Other processes still
  // meet SQLite's own lock and the busy timeout.
  std::timed_mutex writers;
  // Every connection lives until the store dies. For ":memory:" this keeps the shared in-memory
  // database alive, since it vanishes when its last connection closes.
  std::unordered_map<std::thread::id, std::vector<std::unique_ptr<sqlite::Connection>>> conns;

  // What /readyz reports. `ioProblem`: the last failure that says the database may not write
  // (full, read-only, I/O error), until a write commits again. `corruption` stays: pages do
  // not heal, the operator restores a backup.
  std::mutex healthMu;
  std::atomic<bool> troubled{false};  // either is set (read on every commit)
  std::optional<std::string> ioProblem;
  std::optional<std::string> corruption;
  std::chrono::steady_clock::time_point lastProbe{};

  void report(StoreError::Kind kind, std::string cause, std::string message) noexcept {
    stats.failed(kind);
    if (options.observer == nullptr) return;
    try {
      options.observer->storeFailed(StoreFailure{kind, std::move(cause), std::move(message)});
    } catch (...) {
      // An observer must not throw; a failure to log cannot be reported anywhere better.
    }
  }

  void failed(int rc, const StoreError& error) noexcept override {
    const int primary = rc & 0xff;
    const bool corrupt = primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
    const bool io = primary == SQLITE_FULL || primary == SQLITE_READONLY ||
                    primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM;
    if (corrupt || io) {
      try {
        std::lock_guard lock(healthMu);
        (corrupt ? corruption : ioProblem) = error.what();
        troubled.store(true, std::memory_order_release);
      } catch (...) {
      }
    }
    std::string cause;
    try {
      cause = sqlite::resultCodeName(rc);
    } catch (...) {
    }
    report(error.kind(), std::move(cause), error.what());
  }

  void committed() noexcept override {
    if (!troubled.load(std::memory_order_acquire)) return;
    std::lock_guard lock(healthMu);
    ioProblem.reset();
    troubled.store(corruption.has_value(), std::memory_order_release);
  }

  // Throws StoreError(Unavailable) when the path no longer names the opened file.
  void requireFileInPlace() {
    if (!file) return;
    const auto check = file->state();
    if (check.state == sqlite::DatabaseFile::State::Present) return;
    const std::string problem = file->describe(check);
    const bool removed = check.state == sqlite::DatabaseFile::State::Removed;
    const std::string_view which = check.suffix;
    report(StoreError::Kind::Unavailable,
           which == "-wal"   ? (removed ? "wal_removed" : "wal_replaced")
           : which == "-shm" ? (removed ? "shm_removed" : "shm_replaced")
                             : (removed ? "database_removed" : "database_replaced"),
           problem);
    throw StoreError(StoreError::Kind::Unavailable, problem);
  }

  // A connection of this thread that no transaction is using (normally the thread's only one; a
  // second opens only when a transaction is begun while another is open on the same thread).
  sqlite::Connection& connection() {
    ThreadCache& cache = threadCache;
    if (cache.storeId == id && !cache.conn->inUse) return *cache.conn;
    const auto self = std::this_thread::get_id();
    {
      std::lock_guard lock(mu);
      auto& mine = conns[self];
      for (auto& c : mine) {
        if (!c->inUse) {
          if (c.get() == mine.front().get()) cache = {id, c.get()};
          return *c;
        }
      }
    }
    // SQLite opens by name: a file that replaced ours would be another database.
    requireFileInPlace();
    std::unique_ptr<sqlite::Connection> fresh;
    try {
      fresh = std::make_unique<sqlite::Connection>(connOptions);
    } catch (const StoreError& e) {
      report(e.kind(), "connection_open", e.what());
      throw;
    }
    requireFileInPlace();
    std::lock_guard lock(mu);
    auto& mine = conns[self];
    mine.push_back(std::move(fresh));
    if (mine.size() == 1) cache = {id, mine.front().get()};
    return *mine.back();
  }
};

SqliteStore::SqliteStore(SqliteOptions options) : impl_(std::make_unique<Impl>()) {
  // Before SQLite initialises (it refuses afterwards, harmlessly): no allocation statistics, so
  // no process-wide mutex around every allocation of every connection.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  impl_->options = std::move(options);
  auto& co = impl_->connOptions;
  co.busyTimeoutMs = impl_->options.busyTimeoutMs;
  co.cacheSizeKiB = impl_->options.cacheSizeKiB;
  co.events = impl_.get();
  const bool memory = impl_->options.path == ":memory:";
  if (memory) {
    // One in-memory database shared by every connection of this store (and no other store).
    static std::atomic<std::uint64_t> memCounter{0};
    co.uri = "file:astro-memdb-" + std::to_string(::getpid()) + "-" +
             std::to_string(memCounter.fetch_add(1)) + "?mode=memory&cache=shared";
    co.isUri = true;
  } else {
    impl_->file = std::make_unique<sqlite::DatabaseFile>(impl_->options.path, impl_->options.create,
                                                         sqlite::DatabaseFile::Access::ReadWrite);
    // The lock first: a second server through a hard link hears that the file is served.
    if (impl_->options.exclusive) impl_->file->lockExclusive();
    impl_->file->requireSingleName();
    co.uri = impl_->file->canonicalPath();
  }

  sqlite::Connection& first = impl_->connection();
  if (!memory) {
    // WAL is a property of the file: set once, it persists. Readers then never block the writer.
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(first.db(), "PRAGMA journal_mode = WAL", -1, &st, nullptr);
    if (rc != SQLITE_OK) sqlite::throwSqliteError(first.db(), rc, "enabling WAL");
    rc = sqlite3_step(st);
    std::string mode;
    if (rc == SQLITE_ROW) mode = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) sqlite::throwSqliteError(first.db(), rc, "enabling WAL");
    if (mode != "wal")
      throw StoreError(StoreError::Kind::Io,
                       "sqlite: the database refused WAL mode (" + mode + ")");
  }
  sqlite::applyMigrations(first.db());
  // The migrations read the database in WAL mode: its -wal and -shm exist from here on.
  if (impl_->file) impl_->file->recordCompanions();
  // Records written before the audit chain (schema 4) join it once, oldest first.
  bool unchained = false;
  {
    sqlite::Statement st(first, "SELECT 1 FROM audit_records WHERE hash IS NULL LIMIT 1");
    unchained = st.step();
  }
  if (unchained) {
    auto tx = begin(Mode::Write);
    static_cast<sqlite::SqliteTransaction&>(*tx).sqlAudit().chainUnchainedAuditRecords();
    tx->commit();
  }
}

SqliteStore::~SqliteStore() = default;

bool SqliteStore::readsMayWait() const {
  return impl_->file == nullptr;
}

std::unique_ptr<Transaction> SqliteStore::begin(Mode mode) {
  const auto began = std::chrono::steady_clock::now();
  if (mode == Mode::Read)
    return std::make_unique<sqlite::SqliteTransaction>(impl_->connection(), nullptr, &impl_->stats,
                                                       began);
  impl_->requireFileInPlace();
  std::unique_lock turn(impl_->writers, std::defer_lock);
  if (!turn.try_lock_for(std::chrono::milliseconds(impl_->options.busyTimeoutMs))) {
    const std::string message =
        "sqlite: no write turn within " + std::to_string(impl_->options.busyTimeoutMs) + " ms";
    impl_->report(StoreError::Kind::Busy, "write_turn_timeout", message);
    throw StoreError(StoreError::Kind::Busy, message);
  }
  return std::make_unique<sqlite::SqliteTransaction>(impl_->connection(), &impl_->stamps,
                                                     &impl_->stats, began, std::move(turn));
}

bool SqliteStore::ping() {
  try {
    sqlite::Connection& conn = impl_->connection();
    sqlite::Statement st(conn, "SELECT 1");
    return st.step() && st.int64(0) == 1;
  } catch (const StoreError&) {
    return false;
  }
}

std::optional<std::string> SqliteStore::unreadyReason() {
  Impl& impl = *impl_;
  try {
    impl.requireFileInPlace();
  } catch (const StoreError& e) {
    return std::string(e.what());
  }
  {
    std::unique_lock lock(impl.healthMu);
    if (impl.corruption)
      return "database corruption was detected (" + *impl.corruption +
             "): restore it from a backup";
    const auto now = std::chrono::steady_clock::now();
    if (impl.ioProblem &&
        now - impl.lastProbe < std::chrono::milliseconds(impl.options.writeProbeIntervalMs))
      return "the database cannot write (" + *impl.ioProblem + ")";
    if (impl.ioProblem) impl.lastProbe = now;
  }
  if (impl.troubled.load(std::memory_order_acquire)) {
    // The last write failed: try one that really reaches the disk (the schema cookie's page,
    // committed through the WAL) rather than trusting a read.
    try {
      std::unique_lock turn(impl.writers, std::defer_lock);
      if (turn.try_lock_for(std::chrono::milliseconds(impl.options.busyTimeoutMs))) {
        sqlite::Connection& conn = impl.connection();
        sqlite::SqliteTransaction tx(conn, &impl.stamps, &impl.stats,
                                     std::chrono::steady_clock::now());
        std::int64_t version = 0;
        {
          sqlite::Statement st(conn, "PRAGMA user_version");
          if (st.step()) version = st.int64(0);
        }
        sqlite::Statement(conn, "PRAGMA user_version = " + std::to_string(version)).run();
        tx.commit();  // clears ioProblem (committed())
      }
    } catch (const StoreError&) {
      // Recorded by failed(); reported below.
    }
    std::lock_guard lock(impl.healthMu);
    if (impl.corruption)
      return "database corruption was detected (" + *impl.corruption +
             "): restore it from a backup";
    if (impl.ioProblem) return "the database cannot write (" + *impl.ioProblem + ")";
  }
  if (!ping()) return std::string("the database does not answer");
  return std::nullopt;
}

const StoreStats* SqliteStore::stats() const { return &impl_->stats; }

std::uint64_t SqliteStore::generation(std::string_view key) const {
  return impl_->stamps.generation(key);
}

int SqliteStore::schemaVersion() {
  return sqlite::currentSchemaVersion(impl_->connection().db());
}

}  // namespace astro::store
