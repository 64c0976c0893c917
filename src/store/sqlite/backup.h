// `astro-server backup`: a consistent copy of a live database through SQLite's online backup
// API (one read transaction: writers go on meanwhile, in WAL mode), checked before it is kept.
#pragma once

#include <cstdint>
#include <string>

namespace astro::store::sqlite {

struct BackupResult {
  int schemaVersion = 0;
  std::int64_t pages = 0;
};

// Copies `source` (which must exist, have one name and a schema this binary knows) to `dest`:
// written to a temporary file beside it (0600), checked (PRAGMA integrity_check, the same schema
// version), synced, then renamed over `dest`. An existing `dest` is refused unless `overwrite`.
// Throws StoreError with a message for the operator.
BackupResult backupDatabase(const std::string& source, const std::string& dest, bool overwrite);

}  // namespace astro::store::sqlite
