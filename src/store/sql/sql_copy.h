// Copying an installation's tables from one backend to the other (`astro-server db copy`): every
// table the schemas share, row for row, in an order their foreign keys accept, and a summary of
// each side (rows and a SHA-256 over every value in primary-key order) to prove the copy.
// Runs inside the callers' transactions; the two schemas must be at the same version.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/sql/sql_session.h"

namespace astro::store::sql {

struct TableSummary {
  std::string table;
  std::int64_t rows = 0;
  std::string sha256;  // of every value of every row, in primary-key order
  bool operator==(const TableSummary&) const = default;
};

// The tables copied, in insertion order (parents first). The change log is not among them: it is
// one installation's cache invalidation, and replicas start from its newest row.
const std::vector<std::string>& copiedTables();

// Rows and checksum of each copied table of `session`.
std::vector<TableSummary> summarize(Session& session);

// Copies every copied table from `from` to `to` (whose tables must be empty), the columns the
// two have in common by name (they must be the same set: else StoreError), and sets the
// target's identity sequences past the copied values. Returns the source's summary.
std::vector<TableSummary> copyTables(Session& from, Session& to);

}  // namespace astro::store::sql
