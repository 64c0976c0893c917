#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>

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
  if (s == "40001" || s == "40P01") return StoreError::Kind::Retry;
  if (cls == "08" || cls == "53" || cls == "57") return StoreError::Kind::Unavailable;
  return StoreError::Kind::Io;
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

Connection::Connection(std::string url) : url_(std::move(url)) {
  connect();
}

Connection::~Connection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

void Connection::connect() {
  conn_ = PQconnectdb(url_.c_str());
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
  prepared_.clear();
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
  throw StoreError(kindOfSqlState(sqlState), message);
}

Result Connection::exec(std::string_view sql, const std::vector<Param>& params) {
  if (conn_ == nullptr) fail(nullptr, "executing a statement");
  std::string text(sql);
  auto it = prepared_.find(text);
  if (it == prepared_.end()) {
    // One server-side prepared statement per distinct SQL text, named in order of first use.
    std::string name(1, 's');
    name.append(std::to_string(prepared_.size()));
    pg_result* p = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
    if (PQresultStatus(p) != PGRES_COMMAND_OK) fail(p, "preparing a statement");
    PQclear(p);
    it = prepared_.emplace(std::move(text), std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  pg_result* r = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()),
                                values.data(), nullptr, nullptr, 0);
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
