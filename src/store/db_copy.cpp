#include "store/db_copy.h"

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_store.h"

namespace astro::store {

DbCopyReport copySqliteToPostgres(const std::string& sqlitePath, const std::string& postgresUrl) {
  DbCopyReport report;
  int sourceVersion = 0, targetVersion = 0;
  {
    // Opening them checks and migrates them (the source as `serve` would; the target gets the
    // schema when it has none).
    SqliteStore source({.path = sqlitePath});
    sourceVersion = source.schemaVersion();
    PostgresStore target({.url = postgresUrl, .poolSize = 1, .create = true});
    targetVersion = target.schemaVersion();
  }
  if (sourceVersion != targetVersion)
    throw StoreError(StoreError::Kind::Io, "db copy: the source has schema version " +
                                               std::to_string(sourceVersion) + ", the target " +
                                               std::to_string(targetVersion));
  report.schemaVersion = sourceVersion;

  sqlite::Connection from(sqlite::ConnectionOptions{.uri = sqlitePath});
  sqlite::execSql(from.db(), "BEGIN");  // one snapshot for the whole read
  postgres::Connection to(postgresUrl);
  to.execScript("BEGIN ISOLATION LEVEL SERIALIZABLE");
  try {
    report.tables = sql::copyTables(from, to);
    const auto written = sql::summarize(to);
    for (std::size_t i = 0; i < report.tables.size(); ++i)
      if (i >= written.size() || !(written[i] == report.tables[i]))
        throw StoreError(StoreError::Kind::Io,
                         "db copy: " + report.tables[i].table + " does not match after the copy (" +
                             std::to_string(report.tables[i].rows) + " rows read, " +
                             (i < written.size() ? std::to_string(written[i].rows) : "none") +
                             " written): nothing was committed");
    to.execScript("COMMIT");
  } catch (...) {
    try {
      to.execScript("ROLLBACK");
    } catch (...) {
      // The connection is gone: the server rolls back on its own.
    }
    sqlite::execSql(from.db(), "ROLLBACK");
    throw;
  }
  sqlite::execSql(from.db(), "COMMIT");
  return report;
}

}  // namespace astro::store
