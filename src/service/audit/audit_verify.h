// Verifies the stored audit log: every organization's hash chain from its first record to its
// chain head (`astro-server audit verify`). An edited, deleted, inserted or reordered record, and
// records deleted from the end (the head says the log is longer), are each named. Reads one
// consistent snapshot; holds at most one page of records in memory. Thread-safe (no state).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit_chain.h"
#include "core/result.h"
#include "store/store.h"

namespace astro::service {

struct OrganizationAuditVerification {
  std::string organizationId;
  core::AuditChainReport chain;               // the records as they are
  std::optional<store::AuditChainHead> head;  // where the log should end
  std::vector<std::string> problems;          // every finding's message, head mismatches included
  bool intact() const { return problems.empty(); }
};

struct AuditLogVerification {
  std::vector<OrganizationAuditVerification> organizations;
  bool intact() const;
};

// `organizationId` empty: every organization with an audit log. Store failures are a 500 error.
core::Result<AuditLogVerification> verifyAuditLog(store::Store& store,
                                                  const std::string& organizationId = {});

}  // namespace astro::service
