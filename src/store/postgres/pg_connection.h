// One libpq connection to PostgreSQL, as the PostgreSQL store uses it: statements prepared once
// per connection (the SQL text names them), parameters bound as text ($1, $2, ...; a nullopt is
// NULL), results read as text. Every failure is a StoreError, its kind decided by SQLSTATE:
// integrity (23xxx) is Conflict; a serialization failure or deadlock (40001, 40P01) is Retry;
// a lost or refused connection, a server shutting down or out of resources (08xxx, 57Pxx, 53xxx)
// is Unavailable; anything else is Io. Messages never hold a password or a bound value.
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

#include "store/store.h"

struct pg_conn;
struct pg_result;

namespace astro::store::postgres {

// `url` (postgresql://user:password@host/db?..., or key=value form) with any password replaced
// by "***", for messages and logs.
std::string redactedUrl(std::string_view url);

// The StoreError kind for a SQLSTATE (five characters; empty: the connection failed).
StoreError::Kind kindOfSqlState(std::string_view sqlState);

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

class Connection {
 public:
  // Connects; throws StoreError(Unavailable) naming the server (redacted) and libpq's reason.
  explicit Connection(std::string url);
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

 private:
  [[noreturn]] void fail(pg_result* r, std::string_view what);
  void connect();
  std::string url_;
  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
};

}  // namespace astro::store::postgres
