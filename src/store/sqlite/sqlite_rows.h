// What every SQLite resource file reads and writes alike: times as Unix seconds, the six
// columns of a subject profile, and the ORDER BY of a list from whitelisted sort fields.
// Internal to the SQLite backend.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/pagination.h"
#include "core/subject_profile.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"

namespace astro::store::sqlite {

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

// " ORDER BY <sorts>, <tie> ASC" from whitelisted fields only (the tie is a rowid: insertion
// order, so objects made in the same second list in the order they were made); an unknown field
// throws (the service validates first, so this is a programming error).
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

}  // namespace astro::store::sqlite
