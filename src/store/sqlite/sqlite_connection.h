// One SQLite connection with its cache of prepared statements, and a small RAII cursor over a
// cached statement. Used by one thread at a time (the store hands each thread its own).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

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

class Connection {
 public:
  explicit Connection(const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* db() const { return db_; }
  // The prepared statement for `sql`, prepared once per connection (SQLITE_PREPARE_PERSISTENT).
  sqlite3_stmt* prepared(std::string_view sql);
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
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
};

// A cursor over a cached statement: bind values in order, step, read columns. Resets the
// statement (and clears its bindings) when destroyed, so the cached statement is reusable.
class Statement {
 public:
  Statement(Connection& conn, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(std::string_view text);
  Statement& bind(std::int64_t value);
  Statement& bind(int value) { return bind(static_cast<std::int64_t>(value)); }
  Statement& bindNull();
  Statement& bind(const std::string& text) { return bind(std::string_view(text)); }
  Statement& bind(const char* text) { return bind(std::string_view(text)); }
  Statement& bindOpt(const std::optional<std::string>& text);
  Statement& bindOpt(const std::optional<std::int64_t>& value);

  // True when a row is available; false when done. Throws StoreError on failure.
  bool step();
  // Steps to completion (statements without rows).
  void run();
  // Rows changed by the last run().
  int changes() const;

  bool isNull(int col) const;
  std::int64_t int64(int col) const;
  std::string text(int col) const;
  std::optional<std::string> optText(int col) const;
  std::optional<std::int64_t> optInt64(int col) const;

 private:
  Connection& conn_;
  sqlite3_stmt* stmt_;
  int next_ = 1;
};

// Runs one statement that returns no rows with `args` bound in order; the rows it changed.
template <typename... Args>
int execute(Connection& conn, std::string_view sql, const Args&... args) {
  Statement st(conn, sql);
  (st.bind(args), ...);
  st.run();
  return st.changes();
}

}  // namespace astro::store::sqlite
