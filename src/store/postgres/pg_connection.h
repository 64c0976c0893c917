// One libpq connection to PostgreSQL, as the PostgreSQL store uses it: statements prepared once
// per connection (the SQL text names them), parameters bound as text ($1, $2, ...; a nullopt is
// NULL), results read as text. It is also the sql::Session the shared resources run on
// (store/sql/), whose `?` placeholders it numbers. Every failure is a StoreError, its kind decided
// by SQLSTATE: integrity (23xxx) is Conflict; a serialization failure or deadlock (40001, 40P01) is
// Retry; a lost or refused connection, a server shutting down or out of resources (08xxx, 57Pxx,
// 53xxx) or a write on a read-only standby (25006) is Unavailable; anything else is Io. Messages
// never hold a password or a bound value.
//
// Thread-safety: none; a Connection belongs to one thread at a time (the store's pool hands
// each to one transaction).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/sql/sql_session.h"
#include "store/store.h"

struct pg_conn;
struct pg_result;

namespace astro::store::postgres {

// `url` (postgresql://user:password@host/db?..., or key=value form) with any password replaced
// by "***", for messages and logs.
std::string redactedUrl(std::string_view url);

// The StoreError kind for a SQLSTATE (five characters; empty: the connection failed).
StoreError::Kind kindOfSqlState(std::string_view sqlState);

// `sql` with SQLite-style placeholders numbered for PostgreSQL: `?N` becomes `$N` and a bare `?`
// one more than the highest number so far (SQLite's rule); a `?` inside a quoted literal, a
// quoted identifier or a comment is left alone.
std::string numberedPlaceholders(std::string_view sql);

class Result {
 public:
  explicit Result(pg_result* r);
  ~Result();
  Result(Result&& other) noexcept;
  Result& operator=(Result&&) = delete;
  Result(const Result&) = delete;

  bool ok() const;  // the statement succeeded (commands and queries)
  int rows() const;
  bool isNull(int row, int col) const;
  std::string text(int row, int col) const;
  std::optional<std::string> optText(int row, int col) const;
  std::int64_t int64(int row, int col) const;  // throws StoreError(Io) when not an integer
  // Rows changed by an INSERT, UPDATE or DELETE.
  std::int64_t changes() const;

 private:
  pg_result* r_;
};

using Param = std::optional<std::string>;

class PgCursor;  // pg_connection.cpp

class Connection final : public sql::Session {
 public:
  // Connects; throws StoreError(Unavailable) naming the server (redacted) and libpq's reason.
  // `observer` (may be null) is told of every failure but Conflict, with its SQLSTATE as the
  // cause.
  explicit Connection(std::string url, FailureObserver* observer = nullptr);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs `sql` (prepared on this connection the first time) with `params`.
  Result exec(std::string_view sql, const std::vector<Param>& params = {});
  // Runs `sql` as it is (no parameters; may hold several statements): migrations, BEGIN.
  void execScript(std::string_view sql);
  // Whether the connection still works (a round trip).
  bool healthy();
  // Drops the connection and connects again (prepared statements start afresh).
  void reconnect();
  // False once a failure said the connection itself is gone (its kind was Unavailable with no
  // server answer, or libpq reports it bad): the pool drops it instead of reusing it.
  bool usable() const;
  // Usable, and no transaction left open on it: what the pool may hand to the next one.
  bool idle() const;
  // The connection's socket (to wait for notifications), or -1.
  int socket() const;
  // Reads what the server sent and drops the notifications it holds (LISTEN); false when the
  // connection is lost.
  bool consumeNotifications();

  // sql::Session: the statement for `sql` (`?` placeholders), prepared on first use.
  sql::Cursor& cursor(std::string_view sql) override;
  sql::Dialect dialect() const override { return sql::Dialect::Postgres; }

 private:
  friend class PgCursor;
  [[noreturn]] void fail(pg_result* r, std::string_view what);
  void connect();
  // The name of the server-side statement for `sql` ($N placeholders), prepared on first use.
  const std::string& statementName(const std::string& sql);
  std::string url_;
  FailureObserver* observer_;
  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
  struct CursorDeleter {
    void operator()(PgCursor* c) const;
  };
  // By the resources' SQL text (`?` placeholders).
  std::unordered_map<std::string, std::unique_ptr<PgCursor, CursorDeleter>> cursors_;
};

}  // namespace astro::store::postgres
