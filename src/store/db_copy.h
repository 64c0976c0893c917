// `astro-server db copy`: moves an installation from its SQLite file to a PostgreSQL database.
// Both are migrated to this binary's schema first; the copy reads the source in one snapshot
// and writes the target in one transaction, then, still inside it, summarizes the target (rows
// and a SHA-256 per table, store/sql/sql_copy.h) and commits only when every table matches the
// source. A target that holds any astro-server data is refused (Conflict) and left as it was.
#pragma once

#include <string>
#include <vector>

#include "store/sql/sql_copy.h"
#include "store/store.h"

namespace astro::store {

struct DbCopyReport {
  int schemaVersion = 0;
  std::vector<sql::TableSummary> tables;  // the source's, equal to the target's
};

// Throws StoreError: NotFound (no source file), Conflict (a non-empty target), Unavailable
// (cannot connect), Io (anything else, a mismatch included: then nothing was committed).
DbCopyReport copySqliteToPostgres(const std::string& sqlitePath, const std::string& postgresUrl);

}  // namespace astro::store
