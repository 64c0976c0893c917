// The PostgreSQL schema migrations and their runner.
#include "store/postgres/pg_migrations.h"

#include <ctime>
#include <iterator>
#include <string>

namespace astro::store::postgres {
namespace {

// Generated at configure time from migrations/postgres/*.sql (cmake/EmbedMigrations.cmake).
constexpr Migration kMigrations[] = {
#include "store/postgres/embedded_migrations.inc"
};

int queryVersion(Connection& conn) {
  // Two statements: PostgreSQL plans a whole statement first, and refuses one naming a table
  // that does not exist even where it would never be read.
  if (conn.exec("SELECT to_regclass('schema_migrations') IS NULL").text(0, 0) == "t") return 0;
  return static_cast<int>(
      conn.exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").int64(0, 0));
}

}  // namespace

std::span<const Migration> embeddedMigrations() {
  return kMigrations;
}

int latestSchemaVersion() {
  return kMigrations[std::size(kMigrations) - 1].version;
}

int currentSchemaVersion(Connection& conn) {
  return queryVersion(conn);
}

int applyMigrations(Connection& conn) {
  // A read-only standby (a failed-over old primary, a replica's URL by mistake) can be served
  // from when its schema is current (/readyz then says why it is not ready); it cannot be
  // migrated, and no lock is needed to read its version.
  if (conn.exec("SELECT pg_is_in_recovery()").text(0, 0) == "t") {
    const int found = queryVersion(conn);
    const int known = latestSchemaVersion();
    if (found > known) throw newerSchemaError(found, known);
    if (found < known)
      throw StoreError(StoreError::Kind::Unavailable,
                       "the database is a read-only standby (in recovery) with schema version " +
                           std::to_string(found) + ", and this astro-server needs " +
                           std::to_string(known) +
                           ": it cannot be migrated there; point --db at the primary");
    return found;
  }
  const std::string key = std::to_string(kMigrationLockKey);
  conn.exec("SELECT pg_advisory_lock($1)", {key});
  try {
    conn.execScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
    const int found = queryVersion(conn);
    const int known = latestSchemaVersion();
    if (found > known) throw newerSchemaError(found, known);
    for (const Migration& m : kMigrations) {
      if (m.version <= found) continue;
      conn.execScript("BEGIN");
      try {
        conn.execScript(m.sql);
        conn.exec("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                  {std::to_string(m.version), std::to_string(std::time(nullptr))});
        conn.execScript("COMMIT");
      } catch (...) {
        try {
          conn.execScript("ROLLBACK");
        } catch (...) {
          // The connection is gone: the server rolls the transaction back itself.
        }
        throw;
      }
    }
    const int version = queryVersion(conn);
    conn.exec("SELECT pg_advisory_unlock($1)", {key});
    return version;
  } catch (...) {
    try {
      conn.exec("SELECT pg_advisory_unlock($1)", {key});
    } catch (...) {
      // A lost connection released the lock with it.
    }
    throw;
  }
}

}  // namespace astro::store::postgres
