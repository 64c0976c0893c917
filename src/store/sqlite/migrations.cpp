// The schema migrations (migrations/sqlite/*.sql, embedded at build time) and their runner.
#include "store/sqlite/migrations.h"

#include <sqlite3.h>

#include <ctime>
#include <iterator>
#include <string>

#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"

namespace astro::store::sqlite {
namespace {

// Generated at configure time from migrations/sqlite/*.sql (cmake/EmbedMigrations.cmake):
// one `{version, "name", R"sql(...)sql"},` entry per file, ascending.
constexpr Migration kMigrations[] = {
#include "store/sqlite/embedded_migrations.inc"
};

int queryVersion(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", -1,
                              &st, nullptr);
  if (rc != SQLITE_OK) throwSqliteError(db, rc, "reading the schema version");
  rc = sqlite3_step(st);
  int version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW) throwSqliteError(db, rc, "reading the schema version");
  return version;
}

}  // namespace

std::span<const Migration> embeddedMigrations() { return kMigrations; }

int latestSchemaVersion() {
  return kMigrations[std::size(kMigrations) - 1].version;
}

int currentSchemaVersion(sqlite3* db) { return queryVersion(db); }

int applyMigrations(sqlite3* db) {
  execSql(db,
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
  const int found = queryVersion(db);
  const int known = latestSchemaVersion();
  if (found > known) throw newerSchemaError(found, known);
  for (const Migration& m : kMigrations) {
    if (queryVersion(db) >= m.version) continue;
    execSql(db, "BEGIN IMMEDIATE");
    try {
      // Another process may have applied it while we waited for the write lock.
      if (queryVersion(db) < m.version) {
        execSql(db, std::string(m.sql));
        sqlite3_stmt* st = nullptr;
        int rc = sqlite3_prepare_v2(
            db, "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)", -1, &st,
            nullptr);
        if (rc != SQLITE_OK) throwSqliteError(db, rc, "recording a migration");
        sqlite3_bind_int(st, 1, m.version);
        sqlite3_bind_int64(st, 2, static_cast<sqlite3_int64>(std::time(nullptr)));
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) throwSqliteError(db, rc, "recording a migration");
      }
      execSql(db, "COMMIT");
    } catch (...) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
  return queryVersion(db);
}

}  // namespace astro::store::sqlite
