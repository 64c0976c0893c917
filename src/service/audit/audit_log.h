// Builds audit records for the services and writes them inside the caller's transaction
// (success) or in a transaction of their own (refused or failed attempts).
#pragma once

#include <string>
#include <vector>

#include "service/caller.h"
#include "service/clock.h"
#include "store/store.h"

namespace astro::service {

class AuditLog {
 public:
  AuditLog(store::Store& store, const Clock& clock, core::RandomBytes random);

  // A record for `caller` doing `action` on a target; fill in changes, then write it.
  store::AuditRecord record(const Caller& caller, std::string organizationId, std::string action,
                            std::string targetType, std::string targetId,
                            std::string targetName) const;
  // Writes a successful change in the same transaction as the change.
  void writeSuccess(store::Transaction& tx, store::AuditRecord r) const;
  // Writes a refused (DENIED) or failed (FAILED) attempt in its own transaction. Never throws.
  void writeRefusal(store::AuditRecord r, std::string outcome, std::string reason) const;

  // Helpers for changed fields (values are JSON text).
  static store::AuditChange change(std::string field, std::optional<std::string> oldJson,
                                   std::optional<std::string> newJson);
  static std::string jsonString(const std::string& s);

 private:
  store::Store& store_;
  const Clock& clock_;
  core::RandomBytes random_;
};

}  // namespace astro::service
