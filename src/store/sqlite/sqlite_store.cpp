#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

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

struct SqliteStore::Impl {
  SqliteOptions options;
  sqlite::ConnectionOptions connOptions;
  std::uint64_t id = nextStoreId.fetch_add(1);
  std::mutex mu;
  std::atomic<std::uint64_t> generation{0};
  // This process's writers take turns here before BEGIN IMMEDIATE: a waiting writer is woken the
  // moment the previous one ends, instead of polling SQLite's lock in the busy handler's sleeps
  // (up to 100 ms each), which made the tail of concurrent creates long. Other processes still
  // meet SQLite's own lock and the busy timeout.
  std::timed_mutex writers;
  // Every connection lives until the store dies. For ":memory:" this keeps the shared in-memory
  // database alive, since it vanishes when its last connection closes.
  std::unordered_map<std::thread::id, std::vector<std::unique_ptr<sqlite::Connection>>> conns;

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
    auto fresh = std::make_unique<sqlite::Connection>(connOptions);
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
  const bool memory = impl_->options.path == ":memory:";
  if (memory) {
    // One in-memory database shared by every connection of this store (and no other store).
    static std::atomic<std::uint64_t> memCounter{0};
    co.uri = "file:astro-memdb-" + std::to_string(::getpid()) + "-" +
             std::to_string(memCounter.fetch_add(1)) + "?mode=memory&cache=shared";
    co.isUri = true;
  } else {
    co.uri = impl_->options.path;
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
  // Records written before the audit chain (schema 4) join it once, oldest first.
  bool unchained = false;
  {
    sqlite::Statement st(first, "SELECT 1 FROM audit_records WHERE hash IS NULL LIMIT 1");
    unchained = st.step();
  }
  if (unchained) {
    auto tx = begin(Mode::Write);
    static_cast<sqlite::SqliteTransaction&>(*tx).chainUnchainedAuditRecords();
    tx->commit();
  }
}

SqliteStore::~SqliteStore() = default;

std::unique_ptr<Transaction> SqliteStore::begin(Mode mode) {
  if (mode == Mode::Read)
    return std::make_unique<sqlite::SqliteTransaction>(impl_->connection(), nullptr);
  std::unique_lock turn(impl_->writers, std::defer_lock);
  if (!turn.try_lock_for(std::chrono::milliseconds(impl_->options.busyTimeoutMs)))
    throw StoreError(
        StoreError::Kind::Busy,
        "sqlite: no write turn within " + std::to_string(impl_->options.busyTimeoutMs) + " ms");
  return std::make_unique<sqlite::SqliteTransaction>(impl_->connection(), &impl_->generation,
                                                     std::move(turn));
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

std::uint64_t SqliteStore::generation() const {
  return impl_->generation.load(std::memory_order_acquire);
}

int SqliteStore::schemaVersion() {
  return sqlite::currentSchemaVersion(impl_->connection().db());
}

}  // namespace astro::store
