// One SQLite connection with its cache of prepared statements: the sql::Session the resources
// (store/sql/) run on. Used by one thread at a time (the store hands each thread its own).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sql/sql_session.h"

struct sqlite3;
struct sqlite3_stmt;

namespace astro::store {
class StoreError;
}

namespace astro::store::sqlite {

// The StoreError for SQLite result code `rc`: CONSTRAINT -> Conflict, BUSY/LOCKED -> Busy,
// FULL/READONLY -> Unavailable, anything else -> Io. The message never carries bound values.
StoreError sqliteError(sqlite3* db, int rc, std::string_view context);
[[noreturn]] void throwSqliteError(sqlite3* db, int rc, std::string_view context);
// "SQLITE_FULL", "SQLITE_IOERR_WRITE", ...: the name of a result code, for the log.
std::string resultCodeName(int rc);

// What a connection tells its store: each failure (but Conflict) and each successful COMMIT,
// from which the store knows whether the database can write (/readyz).
class ConnectionEvents {
 public:
  virtual ~ConnectionEvents() = default;
  virtual void failed(int rc, const StoreError& error) noexcept = 0;
  virtual void committed() noexcept = 0;
};
// Runs one or more statements without results (pragmas, DDL, BEGIN/COMMIT).
void execSql(sqlite3* db, const std::string& sql);

struct ConnectionOptions {
  std::string uri;  // a file path, or a "file:" URI
  bool isUri = false;
  int busyTimeoutMs = 5000;
  int cacheSizeKiB = 16384;
  ConnectionEvents* events = nullptr;  // may be null
};

class SqliteCursor;  // sqlite_connection.cpp

class Connection final : public sql::Session {
 public:
  explicit Connection(const ConnectionOptions& options);
  ~Connection();  // after the destructor's body, the cursors (finalizing their statements)
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* db() const { return db_; }
  // The cursor of the prepared statement for `sql`, prepared once per connection
  // (SQLITE_PREPARE_PERSISTENT).
  sql::Cursor& cursor(std::string_view sql) override;
  sql::Dialect dialect() const override { return sql::Dialect::Sqlite; }
  int busyTimeoutMs() const { return busyTimeoutMs_; }
  ConnectionEvents* events() const { return events_; }
  // Reports the failure to the events and throws it.
  [[noreturn]] void fail(int rc, std::string_view context);

  bool inUse = false;  // a Transaction is open on this connection

 private:
  sqlite3* db_ = nullptr;
  int busyTimeoutMs_;
  ConnectionEvents* events_;
  // Looked up by string_view without building a std::string on every call.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct CursorDeleter {
    void operator()(SqliteCursor* c) const;
  };
  std::unordered_map<std::string, std::unique_ptr<SqliteCursor, CursorDeleter>, SqlHash,
                     std::equal_to<>>
      statements_;
};

// Resources and the store use the backend-neutral statement (store/sql/sql_session.h).
using sql::execute;
using sql::Statement;

}  // namespace astro::store::sqlite
