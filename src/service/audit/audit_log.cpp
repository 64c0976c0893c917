#include "service/audit/audit_log.h"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include "core/ids.h"
#include "core/json/api_json.h"

namespace astro::service {

AuditLog::AuditLog(store::Store& store, const Clock& clock, core::RandomBytes random)
    : store_(store), clock_(clock), random_(std::move(random)) {}

store::AuditRecord AuditLog::record(const Caller& caller, std::string organizationId,
                                    std::string action, std::string targetType,
                                    std::string targetId, std::string targetName) const {
  store::AuditRecord r;
  r.id = core::generateId(random_);
  r.time = clock_.now();
  r.organizationId = std::move(organizationId);
  r.actorType = std::string(core::toString(caller.subject.type));
  r.actorId = caller.subject.id;
  r.actorName = caller.subject.name;
  r.action = std::move(action);
  r.targetType = std::move(targetType);
  r.targetId = std::move(targetId);
  r.targetName = std::move(targetName);
  r.requestId = caller.meta.requestId;
  r.sourceAddress = caller.meta.sourceAddress;
  r.userAgent = caller.meta.userAgent;
  r.outcome = "SUCCESS";
  return r;
}

void AuditLog::writeSuccess(store::Transaction& tx, store::AuditRecord r) const {
  r.outcome = "SUCCESS";
  r.reason.clear();
  tx.insertAudit(r);
}

void AuditLog::writeRefusal(store::AuditRecord r, std::string outcome, std::string reason) const {
  r.outcome = std::move(outcome);
  r.reason = std::move(reason);
  r.time = clock_.now();
  try {
    auto tx = store_.begin(store::Store::Mode::Write);
    tx->insertAudit(r);
    tx->commit();
  } catch (...) {
    // The refusal itself is already decided; failing to record it must not turn it into a 500.
  }
}

store::AuditChange AuditLog::change(std::string field, std::optional<std::string> oldJson,
                                    std::optional<std::string> newJson) {
  return store::AuditChange{std::move(field), std::move(oldJson), std::move(newJson)};
}

std::string AuditLog::jsonString(const std::string& s) {
  return boost::json::serialize(boost::json::string(s));
}

}  // namespace astro::service
