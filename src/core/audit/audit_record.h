// AuditRecord: one record of an organization's audit log (product.md "Audit log"), as the store
// keeps it, the server exports it and the CLI verifies it; with its place in the organization's
// hash chain (audit_chain.h). Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time_format.h"

namespace astro::core {

struct AuditChange {
  std::string field;
  std::optional<std::string> oldValue;  // JSON text of the old value (absent: did not exist)
  std::optional<std::string> newValue;  // JSON text of the new value (absent: removed)
  bool operator==(const AuditChange&) const = default;
};

struct AuditRecord {
  std::string id;
  Timestamp time{};
  std::string organizationId;
  std::string actorType;  // USER | SERVICEKEY | SYSTEM | ANONYMOUS
  std::string actorId;
  std::string actorName;
  std::string action;      // e.g. "apiToken.update"
  std::string targetType;  // e.g. "API_TOKEN"
  std::string targetId;
  std::string targetName;
  std::string requestId;
  std::string sourceAddress;
  std::string userAgent;
  std::string outcome;  // "SUCCESS" | "DENIED" | "FAILED"
  std::string reason;   // why it was denied or failed; empty on success
  std::vector<AuditChange> changes;
  // The hash chain, set by the store when the record is written: the record's position in its
  // organization's log (1, 2, …), the hash of the record before it (64 zeros for the first),
  // and its own hash (auditChainHash).
  std::int64_t chainSeq = 0;
  std::string prevHash;
  std::string hash;
};

}  // namespace astro::core
