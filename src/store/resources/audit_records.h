// The audit log: records chained per organization (core/audit/audit_chain.h).
// One of the per-resource interfaces a store::Transaction hands out (store/store.h); every
// backend implements it and passes the conformance suite.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pagination.h"
#include "store/records.h"

namespace astro::store {

class AuditRecords {
 public:
  virtual ~AuditRecords() = default;

  // insert places the record at the end of its organization's hash chain (the
  // chain fields of `r` are ignored and computed here, in this transaction, so concurrent
  // writers cannot fork the chain) and moves the chain head.
  virtual void insert(const AuditRecord& r) = 0;
  // Records with from <= time < to, in chain order (the order they were written), chain fields
  // filled in.
  virtual std::vector<AuditRecord> list(std::string_view orgId, core::Timestamp from,
                                        core::Timestamp to) = 0;
  // Up to `limit` records of the organization's chain after position `afterSeq`, in chain order
  // (the verifier pages through a whole log with it).
  virtual std::vector<AuditRecord> listChain(std::string_view orgId, std::int64_t afterSeq,
                                             std::size_t limit) = 0;
  virtual std::optional<AuditChainHead> findChainHead(std::string_view orgId) = 0;
  // Every organization that has an audit record or a chain head (deleted ones included).
  virtual std::vector<std::string> listOrganizations() = 0;
};

}  // namespace astro::store
