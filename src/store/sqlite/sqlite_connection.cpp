#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <chrono>
#include <optional>
#include <thread>

#include "store/store.h"

namespace astro::store::sqlite {

namespace {

StoreError::Kind kindOf(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return StoreError::Kind::Conflict;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StoreError::Kind::Busy;
    case SQLITE_FULL:
    case SQLITE_READONLY:
      return StoreError::Kind::Unavailable;
    default:
      return StoreError::Kind::Io;
  }
}

}  // namespace

StoreError sqliteError(sqlite3* db, int rc, std::string_view context) {
  std::string msg = "sqlite: ";
  msg.append(context).append(": ");
  // The connection's message only when it is about this code (it may hold an older one).
  const bool current = db != nullptr && sqlite3_extended_errcode(db) == rc;
  msg.append(current ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  return StoreError(kindOf(rc), msg);
}

void throwSqliteError(sqlite3* db, int rc, std::string_view context) {
  throw sqliteError(db, rc, context);
}

std::string resultCodeName(int rc) {
  static constexpr std::pair<int, const char*> kNames[] = {
      {SQLITE_IOERR_READ, "SQLITE_IOERR_READ"},
      {SQLITE_IOERR_SHORT_READ, "SQLITE_IOERR_SHORT_READ"},
      {SQLITE_IOERR_WRITE, "SQLITE_IOERR_WRITE"},
      {SQLITE_IOERR_FSYNC, "SQLITE_IOERR_FSYNC"},
      {SQLITE_IOERR_TRUNCATE, "SQLITE_IOERR_TRUNCATE"},
      {SQLITE_IOERR_FSTAT, "SQLITE_IOERR_FSTAT"},
      {SQLITE_IOERR_SHMOPEN, "SQLITE_IOERR_SHMOPEN"},
      {SQLITE_IOERR_SHMSIZE, "SQLITE_IOERR_SHMSIZE"},
      {SQLITE_READONLY_DBMOVED, "SQLITE_READONLY_DBMOVED"},
      {SQLITE_CORRUPT_INDEX, "SQLITE_CORRUPT_INDEX"},
      {SQLITE_ERROR, "SQLITE_ERROR"},
      {SQLITE_PERM, "SQLITE_PERM"},
      {SQLITE_BUSY, "SQLITE_BUSY"},
      {SQLITE_LOCKED, "SQLITE_LOCKED"},
      {SQLITE_NOMEM, "SQLITE_NOMEM"},
      {SQLITE_READONLY, "SQLITE_READONLY"},
      {SQLITE_IOERR, "SQLITE_IOERR"},
      {SQLITE_CORRUPT, "SQLITE_CORRUPT"},
      {SQLITE_FULL, "SQLITE_FULL"},
      {SQLITE_CANTOPEN, "SQLITE_CANTOPEN"},
      {SQLITE_PROTOCOL, "SQLITE_PROTOCOL"},
      {SQLITE_SCHEMA, "SQLITE_SCHEMA"},
      {SQLITE_TOOBIG, "SQLITE_TOOBIG"},
      {SQLITE_CONSTRAINT, "SQLITE_CONSTRAINT"},
      {SQLITE_MISUSE, "SQLITE_MISUSE"},
      {SQLITE_NOTADB, "SQLITE_NOTADB"},
  };
  for (const auto& [code, name] : kNames)
    if (code == rc) return name;
  for (const auto& [code, name] : kNames)
    if (code == (rc & 0xff)) return std::string(name) + "(" + std::to_string(rc) + ")";
  return "SQLITE_" + std::to_string(rc);
}

void execSql(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string detail = err != nullptr ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw StoreError(kindOf(rc), "sqlite: " + detail);
  }
}

Connection::Connection(const ConnectionOptions& options)
    : busyTimeoutMs_(options.busyTimeoutMs), events_(options.events) {
  // Files are created (0600) by DatabaseFile before SQLite sees them; only an in-memory URI
  // needs SQLite to create its database.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (options.isUri) flags |= SQLITE_OPEN_URI | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(options.uri.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "sqlite: opening the database: ";
    msg += db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw StoreError(StoreError::Kind::Io, msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  if (sqlite3_db_readonly(db_, "main") == 1) {
    // SQLite falls back to read-only when it may not write the file: every write would fail.
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw StoreError(StoreError::Kind::Unavailable,
                     "sqlite: the database can only be opened read-only by this process");
  }
  try {
    sqlite3_busy_timeout(db_, options.busyTimeoutMs);
    execSql(db_, "PRAGMA foreign_keys = ON");
    execSql(db_, "PRAGMA synchronous = FULL");
    execSql(db_, "PRAGMA cache_size = -" + std::to_string(options.cacheSizeKiB));
    execSql(db_, "PRAGMA temp_store = MEMORY");
  } catch (...) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

Connection::~Connection() {
  statements_.clear();  // finalizes every statement before the connection closes
  sqlite3_close_v2(db_);
}

void Connection::fail(int rc, std::string_view context) {
  StoreError error = sqliteError(db_, rc, context);
  if (events_ != nullptr && error.kind() != StoreError::Kind::Conflict) events_->failed(rc, error);
  throw error;
}

// A prepared statement with its place among the placeholders.
class SqliteCursor final : public sql::Cursor {
 public:
  SqliteCursor(Connection& conn, sqlite3_stmt* stmt) : conn_(conn), stmt_(stmt) {}
  ~SqliteCursor() { sqlite3_finalize(stmt_); }
  SqliteCursor(const SqliteCursor&) = delete;
  SqliteCursor& operator=(const SqliteCursor&) = delete;

  void bindText(std::string_view text) override {
    check(sqlite3_bind_text64(stmt_, next_++, text.data(), text.size(), SQLITE_TRANSIENT,
                              SQLITE_UTF8));
  }
  void bindInt64(std::int64_t value) override { check(sqlite3_bind_int64(stmt_, next_++, value)); }
  void bindNull() override { check(sqlite3_bind_null(stmt_, next_++)); }

  bool step() override {
    // In a shared-cache in-memory database a conflicting table lock reports SQLITE_LOCKED,
    // which the busy handler does not cover: retry it here for up to the busy timeout.
    std::optional<std::chrono::steady_clock::time_point> deadline;  // from the first LOCKED on
    for (;;) {
      int rc = sqlite3_step(stmt_);
      if (rc == SQLITE_ROW) return true;
      if (rc == SQLITE_DONE) return false;
      if ((rc & 0xff) == SQLITE_LOCKED && !deadline)
        deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(conn_.busyTimeoutMs());
      if ((rc & 0xff) == SQLITE_LOCKED && std::chrono::steady_clock::now() < *deadline) {
        sqlite3_reset(stmt_);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        continue;
      }
      conn_.fail(rc, "executing a statement");
    }
  }
  std::int64_t changes() const override { return sqlite3_changes64(conn_.db()); }
  bool isNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::int64_t int64(int col) const override { return sqlite3_column_int64(stmt_, col); }
  std::string text(int col) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (p == nullptr) return {};
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  void reset() noexcept override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    next_ = 1;
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) conn_.fail(rc, "binding a value");
  }
  Connection& conn_;
  sqlite3_stmt* stmt_;
  int next_ = 1;
};

void Connection::CursorDeleter::operator()(SqliteCursor* c) const {
  delete c;
}

sql::Cursor& Connection::cursor(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return *it->second;
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) fail(rc, "preparing a statement");
  auto& slot = statements_[std::string(sql)];
  slot.reset(new SqliteCursor(*this, stmt));
  return *slot;
}

}  // namespace astro::store::sqlite
