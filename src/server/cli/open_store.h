// How every astro-server subcommand that takes --db opens it: a SQLite file path (the default,
// ./astro.db), or a postgresql:// (postgres://) URL. One place decides the backend and words the
// errors; a URL's password never reaches a message or the log (describe()).
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace astro::server::cli {

struct OpenOptions {
  bool create = false;     // init, serve --create: a missing file or an empty schema is made
  bool exclusive = false;  // serve on SQLite: the single-writer lock on the file
  int poolSize = 8;        // PostgreSQL: pooled connections at most (--db-pool-size)
  int changePollIntervalMs = 250;  // PostgreSQL: the change follower's polling fallback
  store::FailureObserver* observer = nullptr;
};

struct OpenedStore {
  std::unique_ptr<store::Store> store;
  int schemaVersion = 0;
  bool postgres = false;
};

// What `db` names, fit for messages and logs: a path as given, a URL without its password.
std::string describeDb(const std::string& db);

bool isPostgresDb(const std::string& db);

// The opened store, or null with `error` saying what failed and what to do about it.
OpenedStore openStore(const std::string& db, const OpenOptions& options, std::string& error);

// The --db option's help text, shared by every subcommand.
inline constexpr const char* kDbHelp =
    "Database: a SQLite file (made by `astro-server init`), or postgresql://USER@HOST/DB "
    "(libpq URL; sslmode=require for TLS; the password from PGPASSWORD or ~/.pgpass)";

}  // namespace astro::server::cli
