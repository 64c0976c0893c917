// The change log as the resources and transactions of both backends write it: the keys one
// write transaction made stale (store/change_keys.h), gathered as the resources write, written
// as one change_log row in that transaction before it commits.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/sql/sql_session.h"

namespace astro::store::sql {

class ChangeSet {
 public:
  void add(std::string key) { keys_.push_back(std::move(key)); }
  const std::vector<std::string>& keys() const { return keys_; }
  bool empty() const { return keys_.empty(); }

 private:
  std::vector<std::string> keys_;
};

// Writes the keys as one change_log row (one key per line) in the session's transaction; the
// row's seq. Every so often (one write in 256) also prunes the rows older than
// `keepSeconds` and records up to which seq it did (change_log_pruned).
std::int64_t writeChangeLog(Session& session, const ChangeSet& changes, std::int64_t nowSeconds,
                            std::int64_t keepSeconds = 3600);

// The keys of a change_log row.
std::vector<std::string> splitKeys(const std::string& keys);

}  // namespace astro::store::sql
