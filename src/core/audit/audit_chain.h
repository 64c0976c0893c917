// The audit log's hash chain: every record carries the SHA-256 of its content and of the hash of
// the record before it in its organization (RFC 6962-style linking, without a tree), so an edited,
// deleted, inserted or reordered record breaks the chain at a place the verifier names. The
// content hashed is a canonical form that both the server (from its rows) and the CLI (from an
// exported NDJSON line) compute identically. Without a secret key this detects tampering by
// anyone who cannot rewrite the whole chain after the change; the chain head (the last hash)
// printed by `astro-server audit verify` can be kept elsewhere to anchor it. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit_record.h"

namespace astro::core {

// The prevHash of an organization's first record.
inline constexpr std::string_view kAuditChainGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The bytes a record's hash covers: a version tag, then every content field and the chain
// position as "<length>:<bytes>;", the changes' values in their canonical JSON form (a stored
// text that is not JSON counts as that text as a JSON string, as the export shows it).
std::string canonicalAuditBytes(const AuditRecord& r);
// Lower-case hex SHA-256 of prevHash followed by canonicalAuditBytes(r).
std::string auditChainHash(std::string_view prevHash, const AuditRecord& r);

struct AuditChainFinding {
  enum class Kind { Edited, Missing, OutOfOrder, BadLink, OtherOrganization };
  Kind kind;
  std::size_t index;  // position in the records given (0-based)
  std::string recordId;
  std::int64_t chainSeq;
  std::string message;  // names the record and what is wrong
};

struct AuditChainReport {
  std::size_t records = 0;
  std::int64_t firstSeq = 0, lastSeq = 0;  // of the records given, 0 when none
  std::string lastHash;
  std::vector<AuditChainFinding> findings;  // empty: intact
  bool intact() const { return findings.empty(); }
};

// Checks the records of one organization in the order they are added (the export's order: chain
// order), one at a time, so a log of any length is checked in constant memory.
// `complete`: the records are the organization's whole log, so the first must be record 1,
// linking to the genesis; otherwise (an export of a date range) the first record's link is taken
// as given, since what it links to is outside the records.
class AuditChainVerifier {
 public:
  explicit AuditChainVerifier(bool complete) : complete_(complete) {}
  void add(const AuditRecord& r);
  const AuditChainReport& report() const { return report_; }

 private:
  bool complete_;
  AuditChainReport report_;
  std::string organizationId_;
  std::int64_t prevSeq_ = 0;
  std::string prevHash_, prevName_;
};

AuditChainReport verifyAuditChain(std::span<const AuditRecord> records, bool complete);

}  // namespace astro::core
