// What the resources (store/sql/sql_<resource>.cpp) need of a database connection, so that one
// implementation of each resource runs on SQLite and on PostgreSQL alike: prepared statements
// cached by their SQL text, values bound in order, rows stepped through, columns read.
//
// The SQL the resources write is the subset both backends read the same way: `?` (or `?N`)
// placeholders (the PostgreSQL connection numbers them $1, $2, ...), integer Unix seconds,
// INTEGER 0/1 for flags, ON CONFLICT, RETURNING, LIMIT/OFFSET. The few places that cannot be
// said alike ask the Dialect (store/sql/sql_dialect.h).
//
// Thread-safety: none; a Session belongs to one transaction on one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/sql/sql_dialect.h"

namespace astro::store::sql {

// One prepared statement of a connection. Statement (below) is how the resources use it.
class Cursor {
 public:
  // Values bind to the placeholders in order (the first call binds the first placeholder).
  virtual void bindText(std::string_view text) = 0;
  virtual void bindInt64(std::int64_t value) = 0;
  virtual void bindNull() = 0;
  // The first call runs the statement. True when a row is available; false when done. Throws
  // StoreError on failure.
  virtual bool step() = 0;
  // Rows changed by the statement once it has run (INSERT, UPDATE, DELETE).
  virtual std::int64_t changes() const = 0;
  virtual bool isNull(int col) const = 0;
  virtual std::int64_t int64(int col) const = 0;
  virtual std::string text(int col) const = 0;
  // Ready to bind and run again: the bindings and the result are cleared.
  virtual void reset() noexcept = 0;

 protected:
  ~Cursor() = default;  // owned by its Session
};

class Session {
 public:
  // The prepared statement for `sql`, prepared once per connection. One Statement at a time
  // may use a given SQL text.
  virtual Cursor& cursor(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;

 protected:
  ~Session() = default;
};

// A statement in use: bind values in order, step, read columns. Resets the cursor when
// destroyed, so the cached statement is reusable.
class Statement {
 public:
  Statement(Session& session, std::string_view sql) : cursor_(session.cursor(sql)) {}
  ~Statement() { cursor_.reset(); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(std::string_view text) {
    cursor_.bindText(text);
    return *this;
  }
  Statement& bind(const std::string& text) { return bind(std::string_view(text)); }
  Statement& bind(const char* text) { return bind(std::string_view(text)); }
  Statement& bind(std::int64_t value) {
    cursor_.bindInt64(value);
    return *this;
  }
  Statement& bind(int value) { return bind(static_cast<std::int64_t>(value)); }
  Statement& bindNull() {
    cursor_.bindNull();
    return *this;
  }
  Statement& bindOpt(const std::optional<std::string>& text) {
    return text ? bind(std::string_view(*text)) : bindNull();
  }
  Statement& bindOpt(const std::optional<std::int64_t>& value) {
    return value ? bind(*value) : bindNull();
  }

  bool step() { return cursor_.step(); }
  // Steps to completion (statements without rows, or whose rows do not matter).
  void run() {
    while (cursor_.step()) {
    }
  }
  // Rows changed by the statement (after run()).
  std::int64_t changes() const { return cursor_.changes(); }

  bool isNull(int col) const { return cursor_.isNull(col); }
  std::int64_t int64(int col) const { return cursor_.int64(col); }
  std::string text(int col) const { return cursor_.text(col); }
  std::optional<std::string> optText(int col) const {
    if (isNull(col)) return std::nullopt;
    return text(col);
  }
  std::optional<std::int64_t> optInt64(int col) const {
    if (isNull(col)) return std::nullopt;
    return int64(col);
  }

 private:
  Cursor& cursor_;
};

// Runs one statement that returns no rows with `args` bound in order; the rows it changed.
template <typename... Args>
std::int64_t execute(Session& session, std::string_view sql, const Args&... args) {
  Statement st(session, sql);
  (st.bind(args), ...);
  st.run();
  return st.changes();
}

}  // namespace astro::store::sql
