#include "store/sql/sql_copy.h"

#include <algorithm>
#include <set>

#include "core/sha256.h"
#include "store/store.h"

namespace astro::store::sql {
namespace {

struct Table {
  const char* name;
  const char* key;  // ORDER BY: the primary key
  bool seq;         // has an identity `seq` column on PostgreSQL
};

// Parents before children.
constexpr Table kTables[] = {
    {"organizations", "id", false},
    {"users", "id", true},
    {"memberships", "organization_id, user_id", false},
    {"api_tokens", "id", true},
    {"api_token_roles", "token_id, position", false},
    {"retired_token_hashes", "value_hash", false},
    {"audit_records", "seq", true},
    {"audit_chain_heads", "organization_id", false},
    {"workspaces", "id", true},
    {"teams", "id", true},
    {"team_members", "team_id, user_id", false},
    {"workspace_roles", "workspace_id, subject_type, subject_id", false},
    {"invites", "id", false},
};

std::vector<std::string> columnsOf(Session& session, const char* table) {
  std::vector<std::string> out;
  if (session.dialect() == Dialect::Sqlite) {
    Statement st(session, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
    st.bind(table);
    while (st.step()) out.push_back(st.text(0));
  } else {
    Statement st(session,
                 "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                 "current_schema() AND table_name = ? ORDER BY ordinal_position");
    st.bind(table);
    while (st.step()) out.push_back(st.text(0));
  }
  if (out.empty())
    throw StoreError(StoreError::Kind::Io, std::string("db copy: no table ") + table);
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

// One row's values into the checksum: a NULL and each value's length are part of it, so no two
// different rows hash alike.
void hashRow(core::Sha256& h, const Statement& st, std::size_t columns) {
  for (std::size_t c = 0; c < columns; ++c) {
    if (st.isNull(static_cast<int>(c))) {
      h.update("N;");
      continue;
    }
    const std::string v = st.text(static_cast<int>(c));
    h.update(std::to_string(v.size())).update(":").update(v).update(";");
  }
  h.update("\n");
}

TableSummary summarizeTable(Session& session, const Table& t,
                            const std::vector<std::string>& columns) {
  TableSummary s;
  s.table = t.name;
  core::Sha256 h;
  Statement st(session, "SELECT " + joined(columns) + " FROM " + t.name + " ORDER BY " + t.key);
  while (st.step()) {
    hashRow(h, st, columns.size());
    ++s.rows;
  }
  s.sha256 = h.hexDigest();
  return s;
}

}  // namespace

const std::vector<std::string>& copiedTables() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& t : kTables) out.emplace_back(t.name);
    return out;
  }();
  return names;
}

std::vector<TableSummary> summarize(Session& session) {
  std::vector<TableSummary> out;
  for (const auto& t : kTables) {
    auto columns = columnsOf(session, t.name);
    std::sort(columns.begin(), columns.end());  // the same order on both sides
    out.push_back(summarizeTable(session, t, columns));
  }
  return out;
}

std::vector<TableSummary> copyTables(Session& from, Session& to) {
  constexpr std::size_t kBatchRows = 100;
  std::vector<TableSummary> out;
  for (const auto& t : kTables) {
    auto columns = columnsOf(from, t.name);
    auto target = columnsOf(to, t.name);
    std::sort(columns.begin(), columns.end());
    std::sort(target.begin(), target.end());
    if (columns != target)
      throw StoreError(StoreError::Kind::Io, std::string("db copy: the columns of ") + t.name +
                                                 " differ between the databases (" +
                                                 joined(columns) + " vs " + joined(target) +
                                                 "): are both at the same schema version?");
    {
      Statement count(to, std::string("SELECT COUNT(*) FROM ") + t.name);
      if (count.step() && count.int64(0) != 0)
        throw StoreError(StoreError::Kind::Conflict,
                         std::string("db copy: the target is not empty (") + t.name + " has " +
                             std::to_string(count.int64(0)) +
                             " rows): copy into a database that holds no astro-server data");
    }
    const std::string cols = joined(columns);
    const std::string oneRow = "(" + [&] {
      std::string p;
      for (std::size_t i = 0; i < columns.size(); ++i) p += i == 0 ? "?" : ", ?";
      return p;
    }() + ")";
    auto insertSql = [&](std::size_t rows) {
      std::string sql = std::string("INSERT INTO ") + t.name + " (" + cols + ") VALUES ";
      for (std::size_t r = 0; r < rows; ++r) sql += (r == 0 ? "" : ", ") + oneRow;
      return sql;
    };
    TableSummary s;
    s.table = t.name;
    core::Sha256 h;
    std::vector<std::optional<std::string>> batch;  // rows x columns values
    auto flush = [&] {
      const std::size_t rows = batch.size() / columns.size();
      if (rows == 0) return;
      Statement ins(to, insertSql(rows));
      for (const auto& v : batch) v ? ins.bind(*v) : ins.bindNull();
      ins.run();
      batch.clear();
    };
    Statement st(from, "SELECT " + cols + " FROM " + t.name + " ORDER BY " + t.key);
    while (st.step()) {
      hashRow(h, st, columns.size());
      ++s.rows;
      for (std::size_t c = 0; c < columns.size(); ++c)
        batch.push_back(st.optText(static_cast<int>(c)));
      if (batch.size() / columns.size() == kBatchRows) flush();
    }
    flush();
    s.sha256 = h.hexDigest();
    if (t.seq && to.dialect() == Dialect::Postgres) {
      // Rows made after the copy continue after the copied ones.
      Statement st2(to, std::string("SELECT setval(pg_get_serial_sequence('") + t.name +
                            "', 'seq'), GREATEST(COALESCE(MAX(seq), 0), 1), COUNT(*) > 0) FROM " +
                            t.name);
      st2.run();
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace astro::store::sql
