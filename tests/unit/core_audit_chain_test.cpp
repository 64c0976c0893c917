// The audit hash chain: records linked by hash; the verifier names an edited, missing,
// reordered or re-linked record; an exported JSON line gives back the same hash.
#include <gtest/gtest.h>

#include <vector>

#include "core/audit/audit_chain.h"
#include "core/json/audit_json.h"

namespace astro::core {
namespace {

using Kind = AuditChainFinding::Kind;

std::vector<AuditRecord> chain(int n) {
  std::vector<AuditRecord> out;
  std::string prev(kAuditChainGenesis);
  for (int i = 1; i <= n; ++i) {
    AuditRecord r;
    r.id = "crec" + std::to_string(i);
    r.time = Timestamp{std::chrono::seconds{1700000000 + i}};
    r.organizationId = "corg";
    r.actorType = "SERVICEKEY";
    r.actorId = "ctok";
    r.actorName = "CI";
    r.action = "apiToken.update";
    r.targetType = "API_TOKEN";
    r.targetId = "ctarget";
    r.targetName = "Deploy \"bot\"\n";
    r.requestId = "req" + std::to_string(i);
    r.sourceAddress = "192.0.2.1";
    r.userAgent = "astro";
    r.outcome = "SUCCESS";
    r.changes = {{"name", "\"old\"", "\"new\""},
                 {"roles", std::nullopt, R"([ {"role": "X", "n": 1.5} ])"},
                 {"note", "not json", std::nullopt}};
    r.chainSeq = i;
    r.prevHash = prev;
    r.hash = auditChainHash(prev, r);
    prev = r.hash;
    out.push_back(r);
  }
  return out;
}

TEST(AuditChain, AnUntouchedChainIsIntact) {
  auto records = chain(5);
  auto report = verifyAuditChain(records, true);
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.records, 5u);
  EXPECT_EQ(report.firstSeq, 1);
  EXPECT_EQ(report.lastSeq, 5);
  EXPECT_EQ(report.lastHash, records.back().hash);
  EXPECT_EQ(records.front().hash.size(), 64u);
  // A slice (an export of a date range) is intact too, unless it must be complete.
  std::vector<AuditRecord> slice(records.begin() + 2, records.end());
  EXPECT_TRUE(verifyAuditChain(slice, false).intact());
  auto whole = verifyAuditChain(slice, true);
  ASSERT_EQ(whole.findings.size(), 1u);
  EXPECT_EQ(whole.findings[0].kind, Kind::Missing);
  EXPECT_EQ(whole.findings[0].message,
            "records 1 to 2 are missing: the log starts at record 3 (ID crec3)");
}

TEST(AuditChain, EveryContentFieldIsCovered) {
  const auto base = chain(1)[0];
  std::vector<void (*)(AuditRecord&)> edits = {
      [](AuditRecord& r) { r.id += "x"; },
      [](AuditRecord& r) { r.time += std::chrono::seconds{1}; },
      [](AuditRecord& r) { r.organizationId += "x"; },
      [](AuditRecord& r) { r.actorType = "USER"; },
      [](AuditRecord& r) { r.actorId += "x"; },
      [](AuditRecord& r) { r.actorName += "x"; },
      [](AuditRecord& r) { r.action += "x"; },
      [](AuditRecord& r) { r.targetType += "x"; },
      [](AuditRecord& r) { r.targetId += "x"; },
      [](AuditRecord& r) { r.targetName += "x"; },
      [](AuditRecord& r) { r.requestId += "x"; },
      [](AuditRecord& r) { r.sourceAddress += "x"; },
      [](AuditRecord& r) { r.userAgent += "x"; },
      [](AuditRecord& r) { r.outcome = "DENIED"; },
      [](AuditRecord& r) { r.reason = "x"; },
      [](AuditRecord& r) { r.changes[0].newValue = "\"newer\""; },
      [](AuditRecord& r) { r.changes[1].oldValue = "1"; },
      [](AuditRecord& r) { r.changes.pop_back(); },
      [](AuditRecord& r) { r.changes[0].field = "description"; },
      [](AuditRecord& r) { r.chainSeq = 2; },
  };
  for (std::size_t i = 0; i < edits.size(); ++i) {
    auto r = base;
    edits[i](r);
    EXPECT_NE(auditChainHash(r.prevHash, r), base.hash) << "edit " << i;
  }
  // Field boundaries count: moving a character from one field to the next changes the hash.
  auto a = base, b = base;
  a.actorId = "ab";
  a.actorName = "c";
  b.actorId = "a";
  b.actorName = "bc";
  EXPECT_NE(auditChainHash(a.prevHash, a), auditChainHash(b.prevHash, b));
  // The JSON of a change value counts by value, not by spacing.
  auto c = base;
  c.changes[1].newValue = R"([{"role":"X","n":1.5}])";
  EXPECT_EQ(auditChainHash(c.prevHash, c), base.hash);
}

TEST(AuditChain, NamesAnEditedRecord) {
  auto records = chain(5);
  records[2].reason = "nothing to see";
  auto report = verifyAuditChain(records, true);
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].kind, Kind::Edited);
  EXPECT_EQ(report.findings[0].index, 2u);
  EXPECT_EQ(report.findings[0].message,
            "record 3 (ID crec3) was changed after it was written: its content does not match "
            "its hash");
}

TEST(AuditChain, AnEditWithItsHashRewrittenBreaksTheNextLink) {
  auto records = chain(5);
  records[2].reason = "nothing to see";
  records[2].hash = auditChainHash(records[2].prevHash, records[2]);
  auto report = verifyAuditChain(records, true);
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].kind, Kind::BadLink);
  EXPECT_EQ(report.findings[0].chainSeq, 4);
}

TEST(AuditChain, NamesADeletedRecord) {
  auto records = chain(5);
  records.erase(records.begin() + 1);
  auto report = verifyAuditChain(records, false);
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].kind, Kind::Missing);
  EXPECT_EQ(report.findings[0].message,
            "record 2 is missing between record 1 (ID crec1) and record 3 (ID crec3)");
}

TEST(AuditChain, NamesReorderedRecords) {
  auto records = chain(5);
  std::swap(records[1], records[2]);
  auto report = verifyAuditChain(records, true);
  ASSERT_FALSE(report.intact());
  bool reordered = false;
  for (const auto& f : report.findings)
    reordered = reordered || (f.kind == Kind::OutOfOrder && f.chainSeq == 2);
  EXPECT_TRUE(reordered);
}

TEST(AuditChain, ARecordOfAnotherOrganizationIsNamed) {
  auto records = chain(3);
  records[1].organizationId = "cother";
  records[1].hash = auditChainHash(records[1].prevHash, records[1]);
  records[2].prevHash = records[1].hash;
  records[2].hash = auditChainHash(records[2].prevHash, records[2]);
  auto report = verifyAuditChain(records, true);
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].kind, Kind::OtherOrganization);
}

TEST(AuditChain, AnExportedLineGivesBackTheSameRecordAndHash) {
  for (const auto& r : chain(3)) {
    auto line = auditRecordToJsonLine(r);
    auto back = auditRecordFromJsonLine(line);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(auditChainHash(back->prevHash, *back), r.hash) << line;
    EXPECT_EQ(back->hash, r.hash);
    EXPECT_EQ(back->chainSeq, r.chainSeq);
    EXPECT_EQ(back->targetName, r.targetName);
    EXPECT_EQ(auditRecordToJsonLine(*back), line);
  }
  EXPECT_FALSE(auditRecordFromJsonLine("{}").ok());
  EXPECT_FALSE(auditRecordFromJsonLine("[1]").ok());
  EXPECT_EQ(auditRecordFromJsonLine(R"({"id":1})").error().message, "id must be a string");
}

}  // namespace
}  // namespace astro::core
