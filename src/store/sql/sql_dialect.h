// Where the SQL of SQLite and PostgreSQL cannot be written alike, the resources ask here. Each
// answer is SQL text from constants only (never a value: values are always bound).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace astro::store::sql {

enum class Dialect { Sqlite, Postgres };

// The value of a new row's `seq` column (insertion order: ties of every list) in an INSERT's
// VALUES list. SQLite: one past the table's highest (writers are serialized, and `seq` is
// indexed); PostgreSQL: the column's identity sequence.
inline std::string nextSeq(Dialect d, std::string_view table) {
  if (d == Dialect::Postgres) return "DEFAULT";
  return "(SELECT COALESCE(MAX(seq), 0) + 1 FROM " + std::string(table) + ")";
}

// A subquery yielding, one row each, the text elements of the JSON array bound at its one
// placeholder (a page's IDs in one statement).
inline std::string_view jsonTextElements(Dialect d) {
  if (d == Dialect::Postgres) return "SELECT jsonb_array_elements_text(CAST(? AS jsonb))";
  return "SELECT value FROM json_each(?)";
}

// A subquery yielding one row per element of the JSON array bound at its one placeholder, each
// element itself an array: column i of the row is element i, named columns[i].first, read as
// text, or as a 64-bit integer where columns[i].second is true. (A batch in one statement.)
inline std::string jsonTupleRows(Dialect d,
                                 std::initializer_list<std::pair<std::string_view, bool>> columns) {
  std::string out = "SELECT ";
  std::size_t i = 0;
  for (const auto& [name, integer] : columns) {
    if (i > 0) out += ", ";
    const std::string index = std::to_string(i++);
    if (d == Dialect::Postgres)
      out.append(integer ? "CAST(e->>" + index + " AS BIGINT)" : "e->>" + index);
    else
      out.append("json_extract(value, '$[").append(index).append("]')");
    out.append(" AS ").append(name);
  }
  out += d == Dialect::Postgres ? " FROM jsonb_array_elements(CAST(? AS jsonb)) AS e"
                                : " FROM json_each(?)";
  return out;
}

// lower() of a bound value, ASCII letters only, as lower() of a column is on both (SQLite's
// lower() is ASCII; PostgreSQL's text columns are COLLATE "C").
inline std::string_view lowerParam(Dialect d) {
  if (d == Dialect::Postgres) return "lower(CAST(? AS TEXT) COLLATE \"C\")";
  return "lower(?)";
}

}  // namespace astro::store::sql
