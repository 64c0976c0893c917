// Builds audit records for the services and writes them inside the caller's transaction
// (success) or in a transaction of their own (refused or failed attempts). Every record passes
// through here on its way to the store, bounded on the way (see the limits below).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "service/caller.h"
#include "service/clock.h"
#include "store/store.h"

namespace astro::service {

// What one record may hold, whatever a request sent: a hostile value must not become a megabyte
// row. Each string field (actor, target, request ID, address, user agent, reason...) at most
// kMaxAuditFieldBytes; each changed value's JSON text at most kMaxAuditValueBytes; all the
// changes together at most kMaxAuditChangesBytes (a legitimate change, e.g. a thousand member
// IDs added to a team, stays well inside). Beyond, text is cut on a character boundary and marked
// "…[truncated, N bytes]" (a value becomes a JSON string holding its cut text), and changes past
// the total are replaced by one change "…" saying how many were left out.
inline constexpr std::size_t kMaxAuditFieldBytes = 1024;
inline constexpr std::size_t kMaxAuditValueBytes = 32 * 1024;
inline constexpr std::size_t kMaxAuditChangesBytes = 64 * 1024;

class AuditLog {
 public:
  AuditLog(store::Store& store, const Clock& clock, core::RandomBytes random);

  // A record for `caller` doing `action` on a target; fill in changes, then write it.
  store::AuditRecord record(const Caller& caller, std::string organizationId, std::string action,
                            std::string targetType, std::string targetId,
                            std::string targetName) const;
  // A record for a request that did not authenticate (actor ANONYMOUS), from `meta`.
  store::AuditRecord anonymousRecord(const RequestMeta& meta, std::string organizationId,
                                     std::string action, std::string targetType,
                                     std::string targetId) const;
  // Writes a successful change in the same transaction as the change.
  void writeSuccess(store::Transaction& tx, store::AuditRecord r) const;
  // Writes a refused (DENIED) or failed (FAILED) attempt in its own transaction. Never throws.
  void writeRefusal(store::AuditRecord r, std::string outcome, std::string reason) const;
  // Writes refused attempts, outcome and reason set, in one transaction of their own (a batch of
  // counted refusals, see RefusalAudit). False when the store could not (the caller may retry);
  // never throws.
  bool writeRefusals(std::vector<store::AuditRecord> records) const;

  // Helpers for changed fields (values are JSON text).
  static store::AuditChange change(std::string field, std::optional<std::string> oldJson,
                                   std::optional<std::string> newJson);
  static std::string jsonString(const std::string& s);
  // `r` within the limits above (what every write applies; public for tests).
  static void bound(store::AuditRecord& r);

 private:
  store::Store& store_;
  const Clock& clock_;
  core::RandomBytes random_;
};

}  // namespace astro::service
