#include "store/sql/sql_resources.h"

#include <boost/json.hpp>

#include "core/audit/audit_chain.h"
#include "store/sql/sql_rows.h"

namespace astro::store::sql {
namespace {

// ---- audit
std::string changesToJson(const std::vector<AuditChange>& changes) {
  boost::json::array arr;
  arr.reserve(changes.size());
  for (const auto& c : changes) {
    boost::json::object o;
    o["field"] = c.field;
    o["oldValue"] = c.oldValue ? boost::json::value(*c.oldValue) : boost::json::value(nullptr);
    o["newValue"] = c.newValue ? boost::json::value(*c.newValue) : boost::json::value(nullptr);
    arr.emplace_back(std::move(o));
  }
  return boost::json::serialize(arr);
}

std::vector<AuditChange> changesFromJson(const std::string& text) {
  std::vector<AuditChange> out;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) throw StoreError(StoreError::Kind::Io, "corrupt audit changes");
  for (const auto& item : v.as_array()) {
    const auto* o = item.if_object();
    if (o == nullptr) throw StoreError(StoreError::Kind::Io, "corrupt audit changes");
    AuditChange c;
    auto str = [&](std::string_view key) -> std::optional<std::string> {
      const auto* f = o->if_contains(key);
      if (f == nullptr || !f->is_string()) return std::nullopt;
      return std::string(f->as_string());
    };
    c.field = str("field").value_or("");
    c.oldValue = str("oldValue");
    c.newValue = str("newValue");
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------- audit

namespace {

constexpr const char* kAuditColumns =
    "id, time, organization_id, actor_type, actor_id, actor_name, action, target_type, "
    "target_id, target_name, request_id, source_address, user_agent, outcome, reason, changes, "
    "chain_seq, prev_hash, hash";

AuditRecord readAuditRow(Statement& st) {
  AuditRecord r;
  r.id = st.text(0);
  r.time = ts(st.int64(1));
  r.organizationId = st.text(2);
  r.actorType = st.text(3);
  r.actorId = st.text(4);
  r.actorName = st.text(5);
  r.action = st.text(6);
  r.targetType = st.text(7);
  r.targetId = st.text(8);
  r.targetName = st.text(9);
  r.requestId = st.text(10);
  r.sourceAddress = st.text(11);
  r.userAgent = st.text(12);
  r.outcome = st.text(13);
  r.reason = st.text(14);
  r.changes = changesFromJson(st.text(15));
  r.chainSeq = st.int64(16);
  r.prevHash = st.text(17);
  r.hash = st.text(18);
  return r;
}

}  // namespace

void SqlAuditRecords::appendToChain(AuditRecord& r) {
  const auto head = findChainHead(r.organizationId);
  r.chainSeq = head ? head->chainSeq + 1 : 1;
  r.prevHash = head ? head->hash : std::string(core::kAuditChainGenesis);
  r.hash = core::auditChainHash(r.prevHash, r);
  execute(conn_,
          "INSERT INTO audit_chain_heads (organization_id, chain_seq, hash) VALUES (?, ?, ?) "
          "ON CONFLICT (organization_id) DO UPDATE SET chain_seq = excluded.chain_seq, "
          "hash = excluded.hash",
          r.organizationId, r.chainSeq, r.hash);
}

void SqlAuditRecords::insert(const AuditRecord& in) {
  AuditRecord r = in;
  appendToChain(r);
  Statement st(conn_,
               "INSERT INTO audit_records (id, time, organization_id, actor_type, actor_id, "
               "actor_name, action, target_type, target_id, target_name, request_id, "
               "source_address, user_agent, outcome, reason, changes, chain_seq, prev_hash, hash) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(r.id).bind(secs(r.time)).bind(r.organizationId).bind(r.actorType).bind(r.actorId);
  st.bind(r.actorName).bind(r.action).bind(r.targetType).bind(r.targetId).bind(r.targetName);
  st.bind(r.requestId).bind(r.sourceAddress).bind(r.userAgent).bind(r.outcome).bind(r.reason);
  st.bind(changesToJson(r.changes)).bind(r.chainSeq).bind(r.prevHash).bind(r.hash);
  st.run();
}

std::vector<AuditRecord> SqlAuditRecords::list(std::string_view orgId, core::Timestamp from,
                                               core::Timestamp to) {
  Statement st(conn_, std::string("SELECT ") + kAuditColumns +
                          " FROM audit_records WHERE organization_id = ? AND time >= ? AND "
                          "time < ? ORDER BY chain_seq");
  st.bind(orgId).bind(secs(from)).bind(secs(to));
  std::vector<AuditRecord> out;
  while (st.step()) out.push_back(readAuditRow(st));
  return out;
}

std::vector<AuditRecord> SqlAuditRecords::listChain(std::string_view orgId, std::int64_t afterSeq,
                                                    std::size_t limit) {
  Statement st(conn_, std::string("SELECT ") + kAuditColumns +
                          " FROM audit_records WHERE organization_id = ? AND chain_seq > ? "
                          "ORDER BY chain_seq LIMIT ?");
  st.bind(orgId).bind(afterSeq).bind(static_cast<std::int64_t>(limit));
  std::vector<AuditRecord> out;
  while (st.step()) out.push_back(readAuditRow(st));
  return out;
}

std::optional<AuditChainHead> SqlAuditRecords::findChainHead(std::string_view orgId) {
  Statement st(conn_, "SELECT chain_seq, hash FROM audit_chain_heads WHERE organization_id = ?");
  st.bind(orgId);
  if (!st.step()) return std::nullopt;
  return AuditChainHead{st.int64(0), st.text(1)};
}

std::vector<std::string> SqlAuditRecords::listOrganizations() {
  Statement st(conn_,
               "SELECT organization_id FROM audit_chain_heads UNION "
               "SELECT DISTINCT organization_id FROM audit_records ORDER BY 1");
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

void SqlAuditRecords::chainUnchainedAuditRecords() {
  std::vector<std::pair<std::int64_t, AuditRecord>> rows;
  {
    Statement st(conn_, std::string("SELECT ") + kAuditColumns +
                            ", seq FROM audit_records WHERE hash IS NULL ORDER BY seq");
    // The chain columns are NULL here (read as 0 and ""); seq is the 20th column.
    while (st.step()) rows.emplace_back(st.int64(19), readAuditRow(st));
  }
  for (auto& [seq, r] : rows) {
    appendToChain(r);
    execute(conn_, "UPDATE audit_records SET chain_seq = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            r.chainSeq, r.prevHash, r.hash, seq);
  }
}

}  // namespace astro::store::sql
