// The embedded copy of migrations/sqlite/*.sql (see migrations/README.md) and their runner.
// Keep each literal byte-identical to its .sql file: MigrationsTest.EmbeddedSqlMatchesFiles.
#include "store/sqlite/migrations.h"

#include <sqlite3.h>

#include <array>
#include <ctime>
#include <string>

#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"

namespace astro::store::sqlite {
namespace {

// clang-format off
constexpr std::string_view k0001Initial = R"sql(-- 0001_initial: organizations, users, memberships, API tokens and their roles, retired token
-- hashes, audit records. Timestamps are integer unix seconds (UTC). A subject profile snapshot
-- (BasicSubjectProfile) is kept in *_by_* columns; *_by_id NULL means "no profile".

CREATE TABLE organizations (
  id                          TEXT PRIMARY KEY,
  name                        TEXT NOT NULL,
  product                     TEXT NOT NULL,
  status                      TEXT NOT NULL,
  created_at                  INTEGER NOT NULL,
  updated_at                  INTEGER NOT NULL,
  created_by_id               TEXT,
  created_by_type             TEXT,
  created_by_full_name        TEXT,
  created_by_username         TEXT,
  created_by_avatar_url       TEXT,
  created_by_api_token_name   TEXT,
  updated_by_id               TEXT,
  updated_by_type             TEXT,
  updated_by_full_name        TEXT,
  updated_by_username         TEXT,
  updated_by_avatar_url       TEXT,
  updated_by_api_token_name   TEXT,
  -- Maintained by the triggers below, so a token list's totalCount never scans the tokens.
  api_token_count             INTEGER NOT NULL DEFAULT 0,
  org_scope_api_token_count   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX organizations_by_created ON organizations (created_at, id);

CREATE TABLE users (
  id          TEXT PRIMARY KEY,
  email       TEXT NOT NULL UNIQUE,
  full_name   TEXT NOT NULL,
  avatar_url  TEXT NOT NULL,
  status      TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE memberships (
  organization_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id          TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role             TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  PRIMARY KEY (organization_id, user_id)
) WITHOUT ROWID;
CREATE INDEX memberships_by_user ON memberships (user_id, created_at, organization_id);

CREATE TABLE api_tokens (
  id                          TEXT PRIMARY KEY,
  organization_id             TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name                        TEXT NOT NULL,
  description                 TEXT NOT NULL,
  short_token                 TEXT NOT NULL,
  value_hash                  TEXT NOT NULL UNIQUE,
  scope                       TEXT NOT NULL,
  kind                        TEXT NOT NULL,
  expiry_period_days          INTEGER,
  start_at                    INTEGER NOT NULL,
  end_at                      INTEGER,
  last_rotated_at             INTEGER,
  last_used_at                INTEGER,
  created_at                  INTEGER NOT NULL,
  updated_at                  INTEGER NOT NULL,
  created_by_id               TEXT,
  created_by_type             TEXT,
  created_by_full_name        TEXT,
  created_by_username         TEXT,
  created_by_avatar_url       TEXT,
  created_by_api_token_name   TEXT,
  updated_by_id               TEXT,
  updated_by_type             TEXT,
  updated_by_full_name        TEXT,
  updated_by_username         TEXT,
  updated_by_avatar_url       TEXT,
  updated_by_api_token_name   TEXT
);
-- One index per sort key of the token list (ties broken by id).
CREATE INDEX api_tokens_by_created ON api_tokens (organization_id, created_at, id);
CREATE INDEX api_tokens_by_updated ON api_tokens (organization_id, updated_at, id);
CREATE INDEX api_tokens_by_start ON api_tokens (organization_id, start_at, id);
CREATE INDEX api_tokens_by_name ON api_tokens (organization_id, name, id);
CREATE INDEX api_tokens_by_description ON api_tokens (organization_id, description, id);

CREATE TRIGGER api_tokens_count_insert AFTER INSERT ON api_tokens
BEGIN
  UPDATE organizations
     SET api_token_count = api_token_count + 1,
         org_scope_api_token_count =
           org_scope_api_token_count + (CASE WHEN NEW.scope = 'ORGANIZATION' THEN 1 ELSE 0 END)
   WHERE id = NEW.organization_id;
END;

CREATE TRIGGER api_tokens_count_delete AFTER DELETE ON api_tokens
BEGIN
  UPDATE organizations
     SET api_token_count = api_token_count - 1,
         org_scope_api_token_count =
           org_scope_api_token_count - (CASE WHEN OLD.scope = 'ORGANIZATION' THEN 1 ELSE 0 END)
   WHERE id = OLD.organization_id;
END;

CREATE TRIGGER api_tokens_count_scope AFTER UPDATE OF scope, organization_id ON api_tokens
WHEN OLD.scope IS NOT NEW.scope OR OLD.organization_id IS NOT NEW.organization_id
BEGIN
  UPDATE organizations
     SET api_token_count = api_token_count - 1,
         org_scope_api_token_count =
           org_scope_api_token_count - (CASE WHEN OLD.scope = 'ORGANIZATION' THEN 1 ELSE 0 END)
   WHERE id = OLD.organization_id;
  UPDATE organizations
     SET api_token_count = api_token_count + 1,
         org_scope_api_token_count =
           org_scope_api_token_count + (CASE WHEN NEW.scope = 'ORGANIZATION' THEN 1 ELSE 0 END)
   WHERE id = NEW.organization_id;
END;

CREATE TABLE api_token_roles (
  token_id       TEXT NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  entity_type    TEXT NOT NULL,
  entity_id      TEXT NOT NULL,
  role           TEXT NOT NULL,
  deployment_id  TEXT,
  PRIMARY KEY (token_id, position)
) WITHOUT ROWID;
CREATE INDEX api_token_roles_by_entity ON api_token_roles (entity_type, entity_id);

CREATE TABLE retired_token_hashes (
  value_hash       TEXT PRIMARY KEY,
  token_id         TEXT NOT NULL,
  organization_id  TEXT NOT NULL,
  reason           TEXT NOT NULL,
  retired_at       INTEGER NOT NULL
) WITHOUT ROWID;

-- No foreign keys: the audit log outlives what it describes.
CREATE TABLE audit_records (
  seq             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  time            INTEGER NOT NULL,
  organization_id TEXT NOT NULL,
  actor_type      TEXT NOT NULL,
  actor_id        TEXT NOT NULL,
  actor_name      TEXT NOT NULL,
  action          TEXT NOT NULL,
  target_type     TEXT NOT NULL,
  target_id       TEXT NOT NULL,
  target_name     TEXT NOT NULL,
  request_id      TEXT NOT NULL,
  source_address  TEXT NOT NULL,
  user_agent      TEXT NOT NULL,
  outcome         TEXT NOT NULL,
  reason          TEXT NOT NULL,
  changes         TEXT NOT NULL  -- JSON: [{"field":..,"oldValue":<JSON text>|null,"newValue":..}]
);
CREATE INDEX audit_records_by_org_time ON audit_records (organization_id, time, seq);
)sql";
// clang-format on

constexpr std::array<Migration, 1> kMigrations{{
    {1, "0001_initial", k0001Initial},
}};

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

int currentSchemaVersion(sqlite3* db) { return queryVersion(db); }

int applyMigrations(sqlite3* db) {
  execSql(db,
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
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
