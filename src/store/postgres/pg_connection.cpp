#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace astro::store::postgres {

std::string redactedUrl(std::string_view url) {
  std::string out(url);
  // URI form: scheme://user:password@host...
  if (const auto scheme = out.find("://"); scheme != std::string::npos) {
    const auto authorityEnd = out.find_first_of("/?#", scheme + 3);
    const auto at = out.rfind('@', authorityEnd == std::string::npos ? out.size() : authorityEnd);
    if (at != std::string::npos && at > scheme + 3) {
      const auto colon = out.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // Key/value form, or a query parameter of the URI: password=... up to a space or '&'.
  for (std::size_t pos = 0; (pos = out.find("password=", pos)) != std::string::npos;) {
    const auto start = pos + 9;
    auto end = out.find_first_of(" &", start);
    if (end == std::string::npos) end = out.size();
    out.replace(start, end - start, "***");
    pos = start + 3;
  }
  return out;
}

StoreError::Kind kindOfSqlState(std::string_view s) {
  if (s.size() != 5) return StoreError::Kind::Unavailable;  // no server answer: the connection
  const std::string_view cls = s.substr(0, 2);
  if (cls == "23") return StoreError::Kind::Conflict;
  if (s == "55P03") return StoreError::Kind::Busy;  // lock_not_available: the lock timeout
  if (s == "40001" || s == "40P01") return StoreError::Kind::Retry;
  if (cls == "08" || cls == "53" || cls == "57") return StoreError::Kind::Unavailable;
  // read_only_sql_transaction: a write on a hot standby (our read transactions write nothing).
  if (s == "25006") return StoreError::Kind::Unavailable;
  return StoreError::Kind::Io;
}

std::string numberedPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int highest = 0;
  for (std::size_t i = 0; i < sql.size();) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {  // a literal or a quoted identifier: doubled quotes stay inside
      std::size_t end = i + 1;
      for (;;) {
        end = sql.find(c, end);
        if (end == std::string_view::npos) {
          end = sql.size();
          break;
        }
        if (end + 1 < sql.size() && sql[end + 1] == c) {
          end += 2;
          continue;
        }
        ++end;
        break;
      }
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {  // to the end of the line
      const std::size_t end = std::min(sql.find('\n', i), sql.size());
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '?') {
      std::size_t end = i + 1;
      int n = 0;
      while (end < sql.size() && sql[end] >= '0' && sql[end] <= '9')
        n = n * 10 + (sql[end++] - '0');
      if (end == i + 1) n = highest + 1;
      highest = std::max(highest, n);
      out.append("$").append(std::to_string(n));
      i = end;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

// ---------------------------------------------------------------- Result

Result::Result(pg_result* r) : r_(r) {}
Result::~Result() {
  if (r_ != nullptr) PQclear(r_);
}
Result::Result(Result&& other) noexcept : r_(other.r_) {
  other.r_ = nullptr;
}

bool Result::ok() const {
  const auto s = PQresultStatus(r_);
  return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}
int Result::rows() const {
  return PQntuples(r_);
}
bool Result::isNull(int row, int col) const {
  return PQgetisnull(r_, row, col) != 0;
}
std::string Result::text(int row, int col) const {
  return std::string(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col)));
}
std::optional<std::string> Result::optText(int row, int col) const {
  if (isNull(row, col)) return std::nullopt;
  return text(row, col);
}
std::int64_t Result::int64(int row, int col) const {
  const char* v = PQgetvalue(r_, row, col);
  const char* end = v + PQgetlength(r_, row, col);
  std::int64_t out = 0;
  auto [ptr, ec] = std::from_chars(v, end, out);
  if (ec != std::errc() || ptr != end)
    throw StoreError(StoreError::Kind::Io, "postgresql: a column that should be an integer is not");
  return out;
}
std::int64_t Result::changes() const {
  const char* n = PQcmdTuples(r_);
  return n[0] == '\0' ? 0 : std::strtoll(n, nullptr, 10);
}

// ---------------------------------------------------------------- Connection

// ---------------------------------------------------------------- PgCursor

// A prepared statement's parameters and, once run, its result and the row stepped to.
class PgCursor final : public sql::Cursor {
 public:
  PgCursor(Connection& conn, std::string sql) : conn_(conn), sql_(std::move(sql)) {}

  void bindText(std::string_view text) override { params_.emplace_back(std::string(text)); }
  void bindInt64(std::int64_t value) override { params_.emplace_back(std::to_string(value)); }
  void bindNull() override { params_.emplace_back(std::nullopt); }
  bool step() override {
    if (!result_) {
      result_.emplace(conn_.exec(sql_, params_));
      row_ = 0;
    } else {
      ++row_;
    }
    return row_ < result_->rows();
  }
  std::int64_t changes() const override { return result_ ? result_->changes() : 0; }
  bool isNull(int col) const override { return result_->isNull(row_, col); }
  std::int64_t int64(int col) const override { return result_->int64(row_, col); }
  std::string text(int col) const override { return result_->text(row_, col); }
  void reset() noexcept override {
    params_.clear();
    result_.reset();
    row_ = 0;
  }

 private:
  Connection& conn_;
  std::string sql_;  // numbered ($N)
  std::vector<Param> params_;
  std::optional<Result> result_;
  int row_ = 0;
};

void Connection::CursorDeleter::operator()(PgCursor* c) const {
  delete c;
}

sql::Cursor& Connection::cursor(std::string_view sql) {
  auto it = cursors_.find(std::string(sql));
  if (it != cursors_.end()) return *it->second;
  auto& slot = cursors_[std::string(sql)];
  slot.reset(new PgCursor(*this, numberedPlaceholders(sql)));
  return *slot;
}

// ---------------------------------------------------------------- Connection

Connection::Connection(std::string url, FailureObserver* observer)
    : url_(std::move(url)), observer_(observer) {
  connect();
}

Connection::~Connection() {
  cursors_.clear();
  if (conn_ != nullptr) PQfinish(conn_);
}

bool Connection::usable() const {
  return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK;
}

int Connection::socket() const {
  return conn_ != nullptr ? PQsocket(conn_) : -1;
}

bool Connection::consumeNotifications() {
  if (conn_ == nullptr || PQconsumeInput(conn_) == 0) return false;
  while (PGnotify* n = PQnotifies(conn_)) PQfreemem(n);
  return PQstatus(conn_) == CONNECTION_OK;
}

bool Connection::idle() const {
  return usable() && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

void Connection::connect() {
  conn_ = PQconnectdb(url_.c_str());
  // The server's notices ("relation already exists, skipping") are not failures: libpq would
  // print each one on stderr.
  if (conn_ != nullptr)
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string why = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    if (conn_ != nullptr) PQfinish(conn_);
    conn_ = nullptr;
    throw StoreError(StoreError::Kind::Unavailable,
                     "postgresql: cannot connect to " + redactedUrl(url_) + ": " + why);
  }
}

void Connection::reconnect() {
  if (conn_ != nullptr) PQfinish(conn_);
  conn_ = nullptr;
  prepared_.clear();  // the cursors keep their SQL: it is prepared again on first use
  connect();
}

bool Connection::healthy() {
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) return false;
  Result r(PQexec(conn_, "SELECT 1"));
  return r.ok() && r.rows() == 1;
}

void Connection::fail(pg_result* r, std::string_view what) {
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  // The primary message only: DETAIL can quote the values of a row (a duplicate key's value).
  const char* primary = r != nullptr ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message = "postgresql: " + std::string(what) + ": ";
  if (primary != nullptr) {
    message += primary;
  } else {
    std::string why = conn_ != nullptr ? PQerrorMessage(conn_) : "no connection";
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    message += why;
  }
  const std::string sqlState = state != nullptr ? state : "";
  if (!sqlState.empty()) message += " (SQLSTATE " + sqlState + ")";
  if (r != nullptr) PQclear(r);
  const StoreError::Kind kind = kindOfSqlState(sqlState);
  if (observer_ != nullptr && kind != StoreError::Kind::Conflict)
    observer_->storeFailed(StoreFailure{
        kind, sqlState.empty() ? "connection_failed" : "SQLSTATE_" + sqlState, message});
  throw StoreError(kind, message);
}

const std::string& Connection::statementName(const std::string& sql) {
  auto it = prepared_.find(sql);
  if (it != prepared_.end()) return it->second;
  // One server-side prepared statement per distinct SQL text, named in order of first use.
  std::string name(1, 's');
  name.append(std::to_string(prepared_.size()));
  pg_result* p = PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
  if (PQresultStatus(p) != PGRES_COMMAND_OK) fail(p, "preparing a statement");
  PQclear(p);
  return prepared_.emplace(sql, std::move(name)).first->second;
}

Result Connection::exec(std::string_view sql, const std::vector<Param>& params) {
  if (conn_ == nullptr) fail(nullptr, "executing a statement");
  const std::string& name = statementName(std::string(sql));
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  pg_result* r = PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(),
                                nullptr, nullptr, 0);
  const auto status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r, "executing a statement");
  return Result(r);
}

void Connection::execScript(std::string_view sql) {
  if (conn_ == nullptr) fail(nullptr, "running SQL");
  const std::string text(sql);
  pg_result* r = PQexec(conn_, text.c_str());
  const auto status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r, "running SQL");
  PQclear(r);
}

}  // namespace astro::store::postgres
