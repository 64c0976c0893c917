#include "service/audit/audit_log.h"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include "core/ids.h"
#include "core/json/api_json.h"

namespace astro::service {
namespace {

std::string truncatedMarker(std::size_t size) {
  return "…[truncated, " + std::to_string(size) + " bytes]";
}

// The first bytes of `s`, at most `max`, ending on a UTF-8 character boundary.
std::string_view utf8Prefix(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0u) == 0x80u) --n;
  return s.substr(0, n);
}

void boundField(std::string& s) {
  if (s.size() <= kMaxAuditFieldBytes) return;
  const std::string marker = truncatedMarker(s.size());
  std::string cut(utf8Prefix(s, kMaxAuditFieldBytes - marker.size()));
  s = cut + marker;
}

void boundValue(std::optional<std::string>& json) {
  if (!json || json->size() <= kMaxAuditValueBytes) return;
  // Leave room for the JSON string's quotes and escapes of the cut text.
  const std::string marker = truncatedMarker(json->size());
  const std::string cut(utf8Prefix(*json, kMaxAuditValueBytes / 2 - marker.size()));
  *json = boost::json::serialize(boost::json::string(cut + marker));
}

}  // namespace

void AuditLog::bound(store::AuditRecord& r) {
  for (std::string* f :
       {&r.actorType, &r.actorId, &r.actorName, &r.action, &r.targetType, &r.targetId,
        &r.targetName, &r.requestId, &r.sourceAddress, &r.userAgent, &r.outcome, &r.reason})
    boundField(*f);
  std::size_t total = 0;
  for (std::size_t i = 0; i < r.changes.size(); ++i) {
    auto& c = r.changes[i];
    boundField(c.field);
    boundValue(c.oldValue);
    boundValue(c.newValue);
    total += c.field.size() + (c.oldValue ? c.oldValue->size() : 0) +
             (c.newValue ? c.newValue->size() : 0);
    if (total > kMaxAuditChangesBytes) {
      const std::size_t left = r.changes.size() - i;
      r.changes.resize(i);
      r.changes.push_back(
          change("…", std::nullopt, jsonString(std::to_string(left) + " more changes truncated")));
      break;
    }
  }
}

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

store::AuditRecord AuditLog::anonymousRecord(const RequestMeta& meta, std::string organizationId,
                                             std::string action, std::string targetType,
                                             std::string targetId) const {
  store::AuditRecord r;
  r.id = core::generateId(random_);
  r.time = clock_.now();
  r.organizationId = std::move(organizationId);
  r.actorType = "ANONYMOUS";
  r.action = std::move(action);
  r.targetType = std::move(targetType);
  r.targetId = std::move(targetId);
  r.requestId = meta.requestId;
  r.sourceAddress = meta.sourceAddress;
  r.userAgent = meta.userAgent;
  r.outcome = "DENIED";
  return r;
}

void AuditLog::writeSuccess(store::Transaction& tx, store::AuditRecord r) const {
  r.outcome = "SUCCESS";
  r.reason.clear();
  bound(r);
  tx.audit().insert(r);
}

void AuditLog::writeRefusal(store::AuditRecord r, std::string outcome, std::string reason) const {
  r.outcome = std::move(outcome);
  r.reason = std::move(reason);
  r.time = clock_.now();
  bound(r);
  try {
    auto tx = store_.begin(store::Store::Mode::Write);
    tx->audit().insert(r);
    tx->commit();
  } catch (...) {
    // The refusal itself is already decided; failing to record it must not turn it into a 500.
  }
}

bool AuditLog::writeRefusals(std::vector<store::AuditRecord> records) const {
  if (records.empty()) return true;
  for (auto& r : records) bound(r);
  try {
    auto tx = store_.begin(store::Store::Mode::Write);
    for (const auto& r : records) tx->audit().insert(r);
    tx->commit();
    return true;
  } catch (...) {
    // The requests were answered already; the caller decides whether to keep the records.
    return false;
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
