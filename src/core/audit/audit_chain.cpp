#include "core/audit/audit_chain.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <array>
#include <chrono>

#include "core/sha256.h"

namespace astro::core {
namespace {

void field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out.append(value.data(), value.size());
  out += ';';
}

// A change value as the export shows it, serialized: the stored JSON text re-serialized (so the
// bytes do not depend on how the text was spaced), a text that is not JSON as a JSON string,
// absent as null (the export cannot tell absent from null, so neither does the hash).
std::string canonicalValue(const std::optional<std::string>& text) {
  if (!text) return "null";
  boost::system::error_code ec;
  auto v = boost::json::parse(*text, ec);
  if (ec) return boost::json::serialize(boost::json::string(*text));
  return boost::json::serialize(v);
}

}  // namespace

std::string canonicalAuditBytes(const AuditRecord& r) {
  std::string out = "astro-audit-v1;";
  field(out, std::to_string(r.chainSeq));
  field(out, r.id);
  field(out, std::to_string(r.time.time_since_epoch().count()));
  field(out, r.organizationId);
  field(out, r.actorType);
  field(out, r.actorId);
  field(out, r.actorName);
  field(out, r.action);
  field(out, r.targetType);
  field(out, r.targetId);
  field(out, r.targetName);
  field(out, r.requestId);
  field(out, r.sourceAddress);
  field(out, r.userAgent);
  field(out, r.outcome);
  field(out, r.reason);
  field(out, std::to_string(r.changes.size()));
  for (const auto& c : r.changes) {
    field(out, c.field);
    field(out, canonicalValue(c.oldValue));
    field(out, canonicalValue(c.newValue));
  }
  return out;
}

std::string auditChainHash(std::string_view prevHash, const AuditRecord& r) {
  return Sha256().update(prevHash).update(canonicalAuditBytes(r)).hexDigest();
}

void AuditChainVerifier::add(const AuditRecord& r) {
  using Kind = AuditChainFinding::Kind;
  const std::size_t i = report_.records++;
  const std::string name = "record " + std::to_string(r.chainSeq) + " (ID " + r.id + ")";
  auto finding = [&](Kind kind, std::string message) {
    report_.findings.push_back({kind, i, r.id, r.chainSeq, std::move(message)});
  };
  if (i == 0) {
    organizationId_ = r.organizationId;
    report_.firstSeq = r.chainSeq;
  }
  if (r.organizationId != organizationId_)
    finding(Kind::OtherOrganization,
            name + " belongs to another organization (" + r.organizationId + ")");
  if (auditChainHash(r.prevHash, r) != r.hash)
    finding(Kind::Edited,
            name + " was changed after it was written: its content does not match its hash");
  if (i == 0) {
    if (complete_ && r.chainSeq != 1)
      finding(Kind::Missing, "records 1 to " + std::to_string(r.chainSeq - 1) +
                                 " are missing: the log starts at " + name);
    else if (complete_ && r.prevHash != kAuditChainGenesis)
      finding(Kind::BadLink, name + " is the first record but does not start the chain");
  } else if (r.chainSeq <= prevSeq_) {
    finding(Kind::OutOfOrder,
            name + " comes after " + prevName_ + ": records were reordered or repeated");
  } else if (r.chainSeq != prevSeq_ + 1) {
    const auto from = prevSeq_ + 1, to = r.chainSeq - 1;
    finding(Kind::Missing, (from == to ? "record " + std::to_string(from) + " is"
                                       : "records " + std::to_string(from) + " to " +
                                             std::to_string(to) + " are") +
                               " missing between " + prevName_ + " and " + name);
  } else if (r.prevHash != prevHash_) {
    finding(Kind::BadLink, name + " does not link to " + prevName_ +
                               ": a record was replaced or its hash rewritten");
  }
  // Compare the next record with this one as it claims to be (its own stored hash), so that one
  // edit is reported once, where it is.
  prevSeq_ = std::max(prevSeq_, r.chainSeq);
  prevHash_ = r.hash;
  prevName_ = name;
  report_.lastSeq = r.chainSeq;
  report_.lastHash = r.hash;
}

AuditChainReport verifyAuditChain(std::span<const AuditRecord> records, bool complete) {
  AuditChainVerifier v(complete);
  for (const auto& r : records) v.add(r);
  return v.report();
}

}  // namespace astro::core
