#include "core/json/audit_json.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace astro::core {
namespace {

// A stored old/new value is JSON text; one that does not parse is exported as a string.
boost::json::value jsonValue(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(*text, ec);
  if (ec) return boost::json::string(*text);
  return v;
}

struct LineReader {
  std::string problem;
  std::string string(const boost::json::object& o, std::string_view key, std::string_view where) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_string()) {
      if (problem.empty()) problem = std::string(where) + std::string(key) + " must be a string";
      return {};
    }
    return std::string(v->get_string());
  }
  const boost::json::object& object(const boost::json::object& o, std::string_view key) {
    static const boost::json::object empty;
    const auto* v = o.if_contains(key);
    if (!v || !v->is_object()) {
      if (problem.empty()) problem = std::string(key) + " must be an object";
      return empty;
    }
    return v->get_object();
  }
};

}  // namespace

std::string auditRecordToJsonLine(const AuditRecord& r) {
  boost::json::object o;
  o["id"] = r.id;
  o["time"] = formatRfc3339(r.time);
  o["organizationId"] = r.organizationId;
  o["actor"] = boost::json::object{{"type", r.actorType}, {"id", r.actorId}, {"name", r.actorName}};
  o["action"] = r.action;
  o["target"] =
      boost::json::object{{"type", r.targetType}, {"id", r.targetId}, {"name", r.targetName}};
  o["requestId"] = r.requestId;
  o["sourceAddress"] = r.sourceAddress;
  o["userAgent"] = r.userAgent;
  o["outcome"] = r.outcome;
  o["reason"] = r.reason;
  boost::json::array changes;
  for (const auto& c : r.changes) {
    boost::json::object co;
    co["field"] = c.field;
    co["oldValue"] = jsonValue(c.oldValue);
    co["newValue"] = jsonValue(c.newValue);
    changes.emplace_back(std::move(co));
  }
  o["changes"] = std::move(changes);
  o["seq"] = r.chainSeq;
  o["prevHash"] = r.prevHash;
  o["hash"] = r.hash;
  return boost::json::serialize(o);
}

Result<AuditRecord> auditRecordFromJsonLine(std::string_view line) {
  boost::system::error_code ec;
  auto v = boost::json::parse(line, ec);
  if (ec || !v.is_object()) return Error::invalid("not a JSON object");
  const auto& o = v.get_object();
  LineReader in;
  AuditRecord r;
  r.id = in.string(o, "id", "");
  const auto time = parseRfc3339(in.string(o, "time", ""));
  if (!time && in.problem.empty()) in.problem = "time must be an RFC 3339 date-time";
  if (time) r.time = *time;
  r.organizationId = in.string(o, "organizationId", "");
  const auto& actor = in.object(o, "actor");
  r.actorType = in.string(actor, "type", "actor.");
  r.actorId = in.string(actor, "id", "actor.");
  r.actorName = in.string(actor, "name", "actor.");
  r.action = in.string(o, "action", "");
  const auto& target = in.object(o, "target");
  r.targetType = in.string(target, "type", "target.");
  r.targetId = in.string(target, "id", "target.");
  r.targetName = in.string(target, "name", "target.");
  r.requestId = in.string(o, "requestId", "");
  r.sourceAddress = in.string(o, "sourceAddress", "");
  r.userAgent = in.string(o, "userAgent", "");
  r.outcome = in.string(o, "outcome", "");
  r.reason = in.string(o, "reason", "");
  const auto* changes = o.if_contains("changes");
  if (!changes || !changes->is_array()) {
    if (in.problem.empty()) in.problem = "changes must be an array";
  } else {
    for (const auto& item : changes->get_array()) {
      const auto* c = item.if_object();
      if (!c) {
        if (in.problem.empty()) in.problem = "changes[] must be objects";
        break;
      }
      AuditChange change;
      change.field = in.string(*c, "field", "changes[].");
      for (auto [key, slot] :
           {std::pair{"oldValue", &change.oldValue}, std::pair{"newValue", &change.newValue}}) {
        const auto* value = c->if_contains(key);
        if (value && !value->is_null()) *slot = boost::json::serialize(*value);
      }
      r.changes.push_back(std::move(change));
    }
  }
  const auto* seq = o.if_contains("seq");
  if (!seq || !seq->is_int64()) {
    if (in.problem.empty()) in.problem = "seq must be an integer";
  } else {
    r.chainSeq = seq->get_int64();
  }
  r.prevHash = in.string(o, "prevHash", "");
  r.hash = in.string(o, "hash", "");
  if (!in.problem.empty()) return Error::invalid(in.problem);
  return r;
}

}  // namespace astro::core
