#include "service/audit/audit_verify.h"

#include <algorithm>

namespace astro::service {
namespace {

constexpr std::size_t kPageSize = 5000;

OrganizationAuditVerification verifyOne(store::Transaction& tx, const std::string& orgId) {
  OrganizationAuditVerification out;
  out.organizationId = orgId;
  out.head = tx.audit().findChainHead(orgId);
  core::AuditChainVerifier verifier(/*complete=*/true);
  std::int64_t after = 0;
  while (true) {
    const auto page = tx.audit().listChain(orgId, after, kPageSize);
    for (const auto& r : page) verifier.add(r);
    if (page.size() < kPageSize) break;
    after = page.back().chainSeq;
  }
  out.chain = verifier.report();
  for (const auto& f : out.chain.findings) out.problems.push_back(f.message);
  const auto& c = out.chain;
  if (!out.head) {
    if (c.records > 0) out.problems.push_back("the log has records but no chain head");
  } else if (c.records == 0) {
    out.problems.push_back("every record is missing: the chain head is record " +
                           std::to_string(out.head->chainSeq));
  } else if (out.head->chainSeq > c.lastSeq) {
    out.problems.push_back((out.head->chainSeq == c.lastSeq + 1
                                ? "record " + std::to_string(c.lastSeq + 1) + " is"
                                : "records " + std::to_string(c.lastSeq + 1) + " to " +
                                      std::to_string(out.head->chainSeq) + " are") +
                           " missing at the end of the log (the chain head is record " +
                           std::to_string(out.head->chainSeq) + ")");
  } else if (out.head->chainSeq != c.lastSeq || out.head->hash != c.lastHash) {
    out.problems.push_back("the last record (" + std::to_string(c.lastSeq) +
                           ") is not the chain head (record " + std::to_string(out.head->chainSeq) +
                           ")");
  }
  return out;
}

}  // namespace

bool AuditLogVerification::intact() const {
  return std::all_of(organizations.begin(), organizations.end(),
                     [](const auto& o) { return o.intact(); });
}

core::Result<AuditLogVerification> verifyAuditLog(store::Store& store,
                                                  const std::string& organizationId) {
  // An operator's tool on the server's own machine: the cause is shown, not hidden behind a 500
  // (a row too damaged to read, for instance, is itself a sign of tampering).
  try {
    auto tx = store.begin(store::Store::Mode::Read);
    AuditLogVerification out;
    const auto orgs = organizationId.empty() ? tx->audit().listOrganizations()
                                             : std::vector<std::string>{organizationId};
    for (const auto& id : orgs) out.organizations.push_back(verifyOne(*tx, id));
    return out;
  } catch (const store::StoreError& e) {
    return core::Error::internal(std::string("cannot read the audit log: ") + e.what());
  }
}

}  // namespace astro::service
