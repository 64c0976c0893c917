// What every resource file reads and writes alike, on either backend: times as Unix seconds, the
// six columns of a subject profile, a list's filter, ORDER BY from whitelisted sort fields, and
// its page with the page's count. Internal to the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/pagination.h"
#include "core/subject_profile.h"
#include "store/sql/sql_session.h"
#include "store/store.h"

namespace astro::store::sql {

inline std::int64_t secs(core::Timestamp t) {
  return t.time_since_epoch().count();
}
inline core::Timestamp ts(std::int64_t s) {
  return core::Timestamp{std::chrono::seconds{s}};
}
inline std::optional<std::int64_t> optSecs(const std::optional<core::Timestamp>& t) {
  if (!t) return std::nullopt;
  return secs(*t);
}
inline std::optional<core::Timestamp> optTs(const std::optional<std::int64_t>& s) {
  if (!s) return std::nullopt;
  return ts(*s);
}

inline std::string_view subjectTypeText(core::SubjectType t) {
  return t == core::SubjectType::ServiceKey ? "SERVICEKEY" : "USER";
}

// Six columns: *_by_id, *_by_type, *_by_full_name, *_by_username, *_by_avatar_url,
// *_by_api_token_name.
inline void bindProfile(Statement& st, const std::optional<core::BasicSubjectProfile>& p) {
  if (!p) {
    for (int i = 0; i < 6; ++i) st.bindNull();
    return;
  }
  st.bind(p->id).bind(subjectTypeText(p->subjectType));
  st.bindOpt(p->fullName).bindOpt(p->username).bindOpt(p->avatarUrl).bindOpt(p->apiTokenName);
}

inline std::optional<core::BasicSubjectProfile> readProfile(const Statement& st, int col) {
  if (st.isNull(col)) return std::nullopt;
  core::BasicSubjectProfile p;
  p.id = st.text(col);
  p.subjectType =
      st.text(col + 1) == "SERVICEKEY" ? core::SubjectType::ServiceKey : core::SubjectType::User;
  p.fullName = st.optText(col + 2);
  p.username = st.optText(col + 3);
  p.avatarUrl = st.optText(col + 4);
  p.apiTokenName = st.optText(col + 5);
  return p;
}

// ---- shared list helpers
using SortColumn = std::optional<std::string_view> (*)(std::string_view);

// " ORDER BY <sorts>, <tie> ASC" from whitelisted fields only (the tie is a `seq` column:
// insertion order, so objects made in the same second list in the order they were made); an
// unknown field throws (the service validates first, so this is a programming error).
inline std::string orderBy(const core::ListQuery& q, SortColumn column,
                           std::string_view defaultColumn, std::string_view tieColumn,
                           const char* context) {
  std::string order = " ORDER BY ";
  if (q.sorts.empty()) {
    order.append(defaultColumn).append(" ASC, ");
  } else {
    for (const auto& key : q.sorts) {
      auto c = column(key.field);
      if (!c) throw StoreError(StoreError::Kind::Io, std::string(context) + ": unsupported sort");
      order.append(*c).append(key.descending ? " DESC, " : " ASC, ");
    }
  }
  order.append(tieColumn).append(" ASC");
  return order;
}

// A list's filter: a WHERE clause of placeholders and the values bound to them, in order. The
// SQL is built from the caller's constants only; every value is bound, never spliced in.
class Filter {
 public:
  // " WHERE <clause>" with one value, e.g. ("organization_id = ?", orgId).
  Filter(std::string_view clause, std::string_view value) {
    sql_.append(" WHERE ").append(clause);
    values_.emplace_back(value);
  }
  // " AND <clause>", binding `values` to its placeholders in order.
  Filter& andWhere(std::string_view clause, std::vector<std::string> values = {}) {
    sql_.append(" AND ").append(clause);
    for (auto& v : values) values_.push_back(std::move(v));
    return *this;
  }
  // " AND <expr> IN (p, p, ...)", one `placeholder` ("?" or e.g. "lower(?)") per value; nothing
  // when `values` is empty (no restriction).
  Filter& andIn(std::string_view expr, const std::vector<std::string>& values,
                std::string_view placeholder = "?") {
    if (values.empty()) return *this;
    sql_.append(" AND ").append(expr).append(" IN (");
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) sql_.append(", ");
      sql_.append(placeholder);
      values_.push_back(values[i]);
    }
    sql_.append(")");
    return *this;
  }
  const std::string& sql() const { return sql_; }
  void bind(Statement& st) const {
    for (const auto& v : values_) st.bind(v);
  }

 private:
  std::string sql_;
  std::vector<std::string> values_;
};

// What a list selects and how it sorts: "SELECT <select> FROM <from><filter> ORDER BY ...".
struct ListShape {
  std::string_view select;       // the columns the row reader reads
  std::string_view from;         // a table, or a join
  SortColumn sortColumn;         // the sort whitelist: API field -> column
  std::string_view defaultSort;  // the column when the query names no sort (ascending)
  std::string_view tie;          // breaks ties: insertion order
  const char* context;           // for the error of a sort field off the whitelist
};

// One page of a list: its totalCount (COUNT(*) of the filter, unless the caller knows it more
// cheaply: `knownCount`), then the page's rows in the sorted order, each read with `read`.
template <typename T, typename Read>
core::Page<T> listPage(Session& conn, const ListShape& shape, const Filter& filter,
                       const core::ListQuery& query, Read&& read,
                       std::optional<std::int64_t> knownCount = std::nullopt) {
  core::Page<T> page;
  page.limit = query.limit;
  page.offset = query.offset;
  if (knownCount) {
    page.totalCount = *knownCount;
  } else {
    Statement st(conn, "SELECT COUNT(*) FROM " + std::string(shape.from) + filter.sql());
    filter.bind(st);
    if (st.step()) page.totalCount = st.int64(0);
  }
  Statement st(conn,
               "SELECT " + std::string(shape.select) + " FROM " + std::string(shape.from) +
                   filter.sql() +
                   orderBy(query, shape.sortColumn, shape.defaultSort, shape.tie, shape.context) +
                   " LIMIT ? OFFSET ?");
  filter.bind(st);
  st.bind(static_cast<std::int64_t>(query.limit)).bind(static_cast<std::int64_t>(query.offset));
  while (st.step()) page.items.push_back(read(st));
  return page;
}

}  // namespace astro::store::sql
