// The audit-log export: an OWNER reads the records of [startDate, endDate) as NDJSON lines,
// oldest first. Defaults: endDate = now, startDate = endDate - 1 day; startDate must not be after
// endDate and at most 90 days before now (400 otherwise). Export attempts are audited
// (`auditLog.export`), refusals too. Refusals still counted in memory (RefusalAudit) are written
// first.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time_format.h"
#include "service/audit/audit_log.h"
#include "service/audit/refusal_audit.h"
#include "service/caller.h"
#include "service/clock.h"
#include "store/store.h"

namespace astro::service {

inline constexpr int kMaxAuditExportDays = 90;

// The lines are core::auditRecordToJsonLine (core/json/audit_json.h), each with the record's
// place in the hash chain.
class AuditExport {
 public:
  // `refusals`: written out before each export, so that it includes the refusals still counted.
  AuditExport(store::Store& store, const Clock& clock, const AuditLog& audit,
              RefusalAudit* refusals = nullptr);
  // The NDJSON text: one line per record, each ending in '\n'.
  core::Result<std::string> exportNdjson(const Caller& caller, std::string_view orgId,
                                         std::optional<core::Timestamp> startDate,
                                         std::optional<core::Timestamp> endDate);

 private:
  store::Store& store_;
  const Clock& clock_;
  const AuditLog& audit_;
  RefusalAudit* refusals_;
};

}  // namespace astro::service
