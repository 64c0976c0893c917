#include "service/audit/audit_export.h"

#include "core/json/audit_json.h"
#include "service/access/access_rules.h"
#include "service/access/org_access.h"

namespace astro::service {
namespace {
using Mode = store::Store::Mode;
}  // namespace

AuditExport::AuditExport(store::Store& store, const Clock& clock, const AuditLog& audit,
                         RefusalAudit* refusals)
    : store_(store), clock_(clock), audit_(audit), refusals_(refusals) {}

core::Result<std::string> AuditExport::exportNdjson(const Caller& caller, std::string_view orgId,
                                                    std::optional<core::Timestamp> startDate,
                                                    std::optional<core::Timestamp> endDate) {
  if (refusals_) refusals_->flush();
  AuditAttempt attempt(audit_, caller, orgId, "auditLog.export", "ORGANIZATION", orgId);
  return atServiceBoundary([&]() -> core::Result<std::string> {
    // A write transaction: the export's own record is written with the read it describes.
    auto tx = store_.begin(Mode::Write);
    auto role = authorize(*tx, caller, orgId, core::Permission::AuditLogExport,
                          "export the audit log", attempt);
    if (!role) return role.error();

    const core::Timestamp now = clock_.now();
    // Without endDate the export runs up to now, the current second included.
    const core::Timestamp end = endDate.value_or(now + std::chrono::seconds{1});
    const core::Timestamp start = startDate.value_or(end - std::chrono::hours{24});
    std::vector<core::FieldError> errors;
    if (start > end)
      errors.push_back({"invalid", "startDate", "startDate must not be after endDate"});
    if (start < now - std::chrono::hours{24 * kMaxAuditExportDays})
      errors.push_back(
          {"out_of_range", "startDate", "startDate must be at most 90 days in the past"});
    if (!errors.empty()) return attempt.fail(invalidInput(std::move(errors)));
    if (auto org = tx->organizations().find(orgId)) attempt.record().targetName = org->name;

    const auto records = tx->audit().list(orgId, start, end);
    std::string out;
    for (const auto& r : records) {
      out += core::auditRecordToJsonLine(r);
      out += '\n';
    }
    auto& rec = attempt.record();
    rec.changes = {
        AuditLog::change("startDate", std::nullopt, jsonText(start)),
        AuditLog::change("endDate", std::nullopt, jsonText(end)),
        AuditLog::change("recordCount", std::nullopt, std::to_string(records.size())),
    };
    attempt.succeed(*tx);
    tx->commit();
    return out;
  });
}

}  // namespace astro::service
