// The SQLite schema migrations, embedded in the binary (the server never reads the source tree
// at run time). The text of each one is identical to migrations/sqlite/<name>.sql; a store test
// checks that they stay in sync.
#pragma once

#include <span>
#include <string_view>

#include "store/migration.h"

struct sqlite3;

namespace astro::store::sqlite {

using store::Migration;

// Every migration, ascending by version.
std::span<const Migration> embeddedMigrations();

// Creates schema_migrations when missing and applies every missing version in order, each in
// its own BEGIN IMMEDIATE transaction (so concurrent openers do not apply one twice). Returns
// the schema version afterwards. Throws StoreError, also when the database's version is newer
// than every embedded migration (written by a newer release).
int applyMigrations(sqlite3* db);

// The version of the newest embedded migration: what this binary knows.
int latestSchemaVersion();

// The highest applied version (0 for an empty database).
int currentSchemaVersion(sqlite3* db);

}  // namespace astro::store::sqlite
