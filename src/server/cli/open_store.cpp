#include "server/cli/open_store.h"

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace astro::server::cli {

bool isPostgresDb(const std::string& db) {
  return store::isPostgresUrl(db);
}

std::string describeDb(const std::string& db) {
  return isPostgresDb(db) ? store::postgres::redactedUrl(db) : db;
}

OpenedStore openStore(const std::string& db, const OpenOptions& o, std::string& error) {
  using Kind = store::StoreError::Kind;
  OpenedStore out;
  try {
    if (isPostgresDb(db)) {
      out.postgres = true;
      auto pg = std::make_unique<store::PostgresStore>(
          store::PostgresOptions{.url = db,
                                 .poolSize = o.poolSize,
                                 .create = o.create,
                                 .observer = o.observer,
                                 .changePollIntervalMs = o.changePollIntervalMs});
      out.schemaVersion = pg->schemaVersion();
      out.store = std::move(pg);
    } else {
      auto lite = std::make_unique<store::SqliteStore>(store::SqliteOptions{
          .path = db, .create = o.create, .exclusive = o.exclusive, .observer = o.observer});
      out.schemaVersion = lite->schemaVersion();
      out.store = std::move(lite);
    }
    return out;
  } catch (const store::StoreError& e) {
    // The PostgreSQL store's messages name the database without its password already.
    if (e.kind() == Kind::NotFound && !out.postgres)
      error = std::string(e.what()) +
              ": create it with `astro-server init`, or pass --create to serve an empty one";
    else if (e.kind() == Kind::NotFound || e.kind() == Kind::Locked)
      error = e.what();
    else
      error = "cannot open database " + describeDb(db) + ": " + e.what();
  } catch (const std::exception& e) {
    error = "cannot open database " + describeDb(db) + ": " + e.what();
  }
  out.store.reset();
  return out;
}

}  // namespace astro::server::cli
