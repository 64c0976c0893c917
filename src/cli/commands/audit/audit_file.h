// The pure parts of `audit-logs export` (reference §3.13): the --include check, the default file
// name, the start date, and writing the gzip file (mode 0600, atomically); and of `audit-logs
// verify`: checking the hash chain of an exported file's records.
#pragma once

#include <optional>
#include <string>

#include "core/audit/audit_chain.h"
#include "core/result.h"
#include "core/time_format.h"

namespace astro::cli {

inline constexpr const char* kInvalidIncludeMessage =
    "invalid --include: must be a whole number of days between 1 and 90";

// "1".."90" (decimal digits only) → the number; anything else → nullopt.
std::optional<int> parseIncludeDays(const std::string& text);
// "<org name lower-cased, all spaces removed>-logs-<N>-day[s]-<YYYYMMDD local>.ndjson.gz".
std::string defaultAuditFileName(const std::string& orgName, int days, core::Timestamp now);
// now (local time) minus `days` calendar days, RFC 3339 with the local offset
// ("2024-01-10T00:00:00+01:00", or "…Z" in UTC).
std::string auditStartDate(core::Timestamp now, int days);
// Writes `bytes` to `path` through a temp file in the same directory (fsync, rename); the file
// ends with mode 0600 whether or not it existed.
core::Result<void> writePrivateFileAtomically(const std::string& path, const std::string& bytes);

// An exported file's check: the chain report, and for each finding the line it is on.
struct AuditFileCheck {
  core::AuditChainReport chain;
  std::vector<std::size_t> findingLines;  // parallel to chain.findings (1-based)
  std::string organizationId;             // of the first record
};
// `ndjson` is the file's (decompressed) text; a line that is not a record is an error naming
// the line.
core::Result<AuditFileCheck> checkAuditExport(std::string_view ndjson);

}  // namespace astro::cli
