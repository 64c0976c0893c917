// The PostgreSQL schema migrations (migrations/postgres/*.sql, embedded at build time: the same
// numbers and names as migrations/sqlite, in PostgreSQL's dialect) and their runner.
#pragma once

#include <span>

#include "store/migration.h"
#include "store/postgres/pg_connection.h"

namespace astro::store::postgres {

// Every migration, ascending by version.
std::span<const Migration> embeddedMigrations();

// The version of the newest embedded migration: what this binary knows.
int latestSchemaVersion();

// The highest applied version (0 for a database without schema_migrations).
int currentSchemaVersion(Connection& conn);

// Applies every missing version in order, each in its own transaction, holding a session-level
// advisory lock for the whole run: replicas starting together take turns, and the later ones
// find nothing left to do. Returns the schema version afterwards. Throws StoreError, also when
// the database's version is newer than every embedded migration (written by a newer release).
int applyMigrations(Connection& conn);

// The advisory lock key the runner holds (tests hold it to see a second runner wait).
inline constexpr long long kMigrationLockKey = 0x617374726f6d6967;  // "astromig"

}  // namespace astro::store::postgres
