// RefusalAudit: the audit of refused requests that no service call recorded itself (401s, 404s,
// bodies refused before the service runs, 415s, unknown routes). It decides which organization
// each one is recorded in and counts them in memory: one record per (organization, caller,
// action, target, outcome, reason, source address) and window, written in one batch by a writer
// thread of its own at the end of each window (and before an export, and at shutdown). A flood
// costs rows per window, never a row per request, and a refusal never waits for the database:
// it only counts (on an I/O thread too). A batch the store cannot take (busy, unavailable) is
// kept for the next window, within the same caps.
#pragma once

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/time_format.h"
#include "service/audit/audit_log.h"
#include "service/caller.h"
#include "service/clock.h"
#include "service/settings.h"
#include "store/store.h"

namespace astro::service {

// What the transport saw of a request, as the audit needs it (views valid during the call).
struct RequestFacts {
  std::string_view method;         // "GET"
  std::string_view routeTemplate;  // "/v1/organizations/{org}/tokens/{id}"; empty: no route
  std::array<std::string_view, 4> params{};  // the template's {...} values, in order
  std::size_t paramCount = 0;
  std::string_view requestId;
  std::string_view sourceAddress;
  std::string_view userAgent;
};

// The token a refused credential belongs to (rotated, deleted or expired value).
struct RefusedToken {
  std::string_view organizationId;
  std::string_view tokenId;
  std::string_view tokenName;
};

class RefusalAudit {
 public:
  RefusalAudit(store::Store& store, const Clock& clock, const AuditLog& audit,
               const ServiceSettings& settings);
  ~RefusalAudit();  // stops the writer and writes what is still counted
  RefusalAudit(const RefusalAudit&) = delete;
  RefusalAudit& operator=(const RefusalAudit&) = delete;

  // A request answered with `error` (4xx). `subject`: the authenticated caller, null when the
  // request was refused before authentication. Nothing happens when the error says a service
  // already recorded it (Error::audited) or for a 5xx. Never throws.
  void requestRefused(const RequestFacts& request, const Subject* subject,
                      const core::Error& error) noexcept;
  // A 401. `token`: the known token whose retired or expired value was presented (recorded in
  // its organization); null for a missing, malformed or unknown value (recorded in the
  // organization of the path when it exists, else with no organization). Never throws.
  void unauthenticated(const RequestFacts& request, const RefusedToken* token,
                       std::string_view reason) noexcept;
  // Writes every pending count now (before an audit export reads the log, and at shutdown).
  // False when the store could not; the counts are then kept for the writer's next round.
  bool flush() noexcept;

 private:
  // Where a counted refusal goes when its organization is only claimed by the request's path.
  enum class IfOrgMissing { Keep, Drop, Nobody };
  struct Pending {
    store::AuditRecord record;  // the first request's; time = first attempt
    core::Timestamp last{};
    std::uint64_t attempts = 0;
    std::string route;  // "GET /v1/organizations/{org}/tokens"
    IfOrgMissing ifOrgMissing = IfOrgMissing::Keep;
    bool anonymous = false;
  };
  using PendingMap = std::unordered_map<std::string, Pending>;

  // What identifies a counted refusal; the record is built (ID, clock, copies) only for a new
  // one, so a repeated refusal costs a key and a map lookup.
  struct Counted {
    const Subject* actor = nullptr;  // null: ANONYMOUS
    bool hideActorName = false;
    std::string organizationId, action, targetType, targetId, targetName, outcome, reason;
  };
  void count(const RequestFacts& request, Counted c, IfOrgMissing ifOrgMissing, bool anonymous);
  // What `pending` becomes in the log, oldest first (reads which organizations exist).
  std::vector<store::AuditRecord> recordsOf(const PendingMap& pending) const;
  // Writes what is pending; what the store refuses goes back (merged with newer counts).
  bool writePending() noexcept;
  void keep(PendingMap batch);  // under mu_
  // The entry counting `key` (made by `make` when new), or beyond the window's cap for its kind
  // the kind's overflow entry (one record counting the rest). Under mu_.
  template <class Make>
  Pending& entryFor(std::string key, bool anonymous, core::Timestamp now, Make&& make);
  void run();  // the writer thread

  store::Store& store_;
  const Clock& clock_;
  const AuditLog& audit_;
  const std::chrono::seconds window_;
  const std::size_t maxRecords_;
  const std::size_t maxAnonymousRecords_;

  std::mutex writeMu_;  // one batch at a time (the writer, a flush), in the order counted
  std::mutex mu_;       // the counts below
  PendingMap pending_;
  std::size_t anonymousCount_ = 0;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread writer_;  // last: started once everything above is
};

}  // namespace astro::service
