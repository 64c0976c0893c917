// The home config file (reference §5, product.md "Domains, contexts, login"):
// `context: <domain>` and `contexts.<domain with dots as underscores>` entries. Reads tolerate a
// missing file. Writes take an exclusive flock on <file>.lock (10 s, retried every 100 ms), then
// re-read, change and atomically replace the file (temp file, fsync, rename); mode 0600 in a
// 0700 directory. Keys we do not know are kept as they were.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace astro::cli {

struct ContextEntry {
  std::string domain;
  std::string organization;
  std::string organizationProduct;
  std::string workspace;
  std::string lastUsedWorkspace;
  std::string token;  // "Bearer <token>"
  std::string refreshToken;
  std::string userEmail;
  std::string expiresIn;
  bool operator==(const ContextEntry&) const = default;
};

struct Config {
  std::string context;                           // the current domain ("" when none)
  std::map<std::string, ContextEntry> contexts;  // by key (domain with '.' → '_')

  const ContextEntry* find(std::string_view domain) const;
  ContextEntry* find(std::string_view domain);
  // The entry for `domain`, created (with that domain) when missing.
  ContextEntry& upsert(std::string_view domain);
  bool erase(std::string_view domain);
  // The domain a context shows as: its `domain` field, or the key with '_' → '.'.
  static std::string displayDomain(const std::string& key, const ContextEntry& e);
};

core::Result<Config> loadConfig(const std::string& path);
// The text of a config file read as loadConfig reads it; `path` only names it in errors.
core::Result<Config> parseConfig(std::string_view text, const std::string& path);

struct ConfigWriteOptions {
  std::chrono::milliseconds lockTimeout{10'000};
  std::chrono::milliseconds lockRetry{100};
};
// Under the lock: load, apply `change` (an error aborts without writing), write atomically.
core::Result<void> updateConfig(const std::string& path,
                                const std::function<core::Result<void>(Config&)>& change,
                                ConfigWriteOptions options = {});
// What updateConfig writes over a file that held `text` ("" for none): `change` applied, keys we
// do not know kept.
core::Result<std::string> updateConfigText(
    std::string_view text, const std::string& path,
    const std::function<core::Result<void>(Config&)>& change);

}  // namespace astro::cli
