// A numbered schema migration, embedded in the binary from migrations/<backend>/NNNN_<name>.sql
// (cmake/EmbedMigrations.cmake): both backends have the same numbers and names, each in its own
// dialect. The runners live with their backend (store/sqlite/migrations.h,
// store/postgres/pg_migrations.h).
#pragma once

#include <string>
#include <string_view>

#include "store/store.h"

namespace astro::store {

struct Migration {
  int version;
  std::string_view name;  // file name without ".sql", e.g. "0001_initial"
  std::string_view sql;
};

// Opening a database a newer release migrated: its tables may have changed in ways this binary
// would misread or damage.
inline StoreError newerSchemaError(int found, int known) {
  return StoreError(StoreError::Kind::Io,
                    "the database has schema version " + std::to_string(found) +
                        ", newer than the " + std::to_string(known) +
                        " this astro-server knows: run the astro-server release that wrote it "
                        "(or a newer one)");
}

}  // namespace astro::store
