// AuditAttempt: one service call's audit context. Holds the record under construction (built
// lazily); a refused
// (DENIED) or failed (FAILED) attempt is written when the attempt goes out of scope, in a
// transaction of its own, after the call's transaction has rolled back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/result.h"
#include "core/roles/roles.h"
#include "service/audit/audit_log.h"
#include "service/caller.h"
#include "store/store.h"

namespace astro::service {

class AuditAttempt {
 public:
  AuditAttempt(const AuditLog& audit, const Caller& caller, std::string_view orgId,
               std::string action, std::string targetType, std::string_view targetId,
               std::string targetName = "")
      : audit_(audit),
        caller_(caller),
        orgId_(orgId),
        action_(std::move(action)),
        targetType_(std::move(targetType)),
        targetId_(targetId),
        targetName_(std::move(targetName)) {}
  ~AuditAttempt() {
    if (pending_) audit_.writeRefusal(std::move(record()), pendingOutcome_, pendingReason_);
  }
  AuditAttempt(const AuditAttempt&) = delete;
  AuditAttempt& operator=(const AuditAttempt&) = delete;

  // Built on first use: a read that is allowed never pays for an audit record (ID, clock, copies).
  store::AuditRecord& record() {
    if (!record_)
      record_.emplace(audit_.record(caller_, orgId_, action_, targetType_, targetId_, targetName_));
    return *record_;
  }
  core::Error deny(core::Error e) { return refuse("DENIED", std::move(e)); }
  core::Error fail(core::Error e) { return refuse("FAILED", std::move(e)); }
  // Writes the success record (with its changes) in the transaction of the change.
  void succeed(store::Transaction& tx) { audit_.writeSuccess(tx, record()); }

 private:
  core::Error refuse(std::string outcome, core::Error e) {
    pending_ = true;
    pendingOutcome_ = std::move(outcome);
    pendingReason_ = e.message;
    e.audited = true;
    return e;
  }

  const AuditLog& audit_;
  const Caller& caller_;  // outlives the attempt (both live in one service call)
  std::string orgId_;
  std::string action_;
  std::string targetType_;
  std::string targetId_;
  std::string targetName_;
  std::optional<store::AuditRecord> record_;
  bool pending_ = false;
  std::string pendingOutcome_;
  std::string pendingReason_;
};

}  // namespace astro::service
