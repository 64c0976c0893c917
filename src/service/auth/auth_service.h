// Authentication: an Authorization header value -> the Subject it belongs to, or a 401 whose
// message says why (missing, malformed, unknown, expired, rotated, deleted).
// Also keeps lastUsedAt current to the minute without a database write on the request path: each
// token's first use in a minute is recorded in memory and written in batches (LastUsedWriter).
// Tokens that authenticated, and values that were refused, are cached by value hash and reused
// while the value's change-log key (store/change_keys.h: tokenHash) keeps its generation: any
// change to that token, on any replica, ends the reuse; expiry is checked on every request. Every
// 401 is handed to RefusalAudit (when given) with what is known of the value: a rotated, deleted or
// expired value names its token and organization.
#pragma once

#include <atomic>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "service/audit/refusal_audit.h"
#include "service/auth/last_used_writer.h"
#include "service/cache/generation_cache.h"
#include "service/caller.h"
#include "service/clock.h"
#include "service/settings.h"
#include "store/store.h"

namespace astro::service {

// Exact 401 messages.
inline constexpr std::string_view kMissingTokenMessage =
    "missing API token: send the header 'Authorization: Bearer <token>'";
inline constexpr std::string_view kMalformedTokenMessage = "API token is invalid or malformed";
inline constexpr std::string_view kUnknownTokenMessage = "API token is invalid";
inline constexpr std::string_view kExpiredTokenMessage = "API token has expired";
inline constexpr std::string_view kRotatedTokenMessage =
    "API token has been rotated; use the new token value";
inline constexpr std::string_view kDeletedTokenMessage = "API token has been deleted";

class AuthService {
 public:
  // `refusals`: where 401s are reported for the audit log (none: not audited).
  AuthService(store::Store& store, const Clock& clock, ServiceSettings settings = {},
              RefusalAudit* refusals = nullptr);
  // `authorization` is the raw header value: "Bearer <token>" or a bare token. `request`: what
  // the transport saw, for the audit of a refusal (which the returned error then says is done).
  core::Result<Subject> authenticate(std::string_view authorization,
                                     const RequestFacts& request = {});

  // Writes the lastUsedAt values recorded so far (a graceful stop does it too; tests).
  bool flushLastUsed() { return lastUsed_.flush(); }
  // How many lastUsedAt uses were handed to the writer: one per token per interval (tests).
  std::uint64_t lastUsedRecorded() const { return lastUsed_.recorded(); }
  // True when authentication writes lastUsedAt itself (lastUsedFlushInterval 0), not in batches.
  bool writesWhenAuthenticating() const { return !lastUsed_.batched(); }

  // The authenticated-token cache and the refused-value cache (for /metrics).
  CacheStats tokenCacheStats() const { return cache_.stats(); }
  CacheStats refusalCacheStats() const { return refusals_.stats(); }

 private:
  // What authentication needs of a token row, shared by every request that finds it cached.
  struct TokenFacts {
    std::optional<core::Timestamp> endAt;
    Subject subject;
    // The last lastUsedAt interval (seconds since the epoch / resolution) claimed for a write:
    // first the stored one, then each one a request claims. Kept with the token, not in a table
    // of slots, so that no two tokens of a fleet take a claim from each other.
    mutable std::atomic<std::int64_t> claimedInterval{std::numeric_limits<std::int64_t>::min()};
  };
  // A refused value: the 401 message and, for a retired value, the token it belonged to.
  struct Refusal {
    std::string_view message;
    std::string organizationId;  // empty: unknown value
    std::string tokenId;
    std::string tokenName;
  };
  std::int64_t intervalOf(core::Timestamp at) const;
  void touchLastUsed(const TokenFacts& facts, core::Timestamp now);
  core::Error refuse(const RequestFacts& request, std::string_view message,
                     const RefusedToken* token);
  core::Error refuse(const RequestFacts& request, const Refusal& refusal);

  store::Store& store_;
  const Clock& clock_;
  ServiceSettings settings_;
  RefusalAudit* refusalAudit_;

  GenerationCache<TokenFacts> cache_;  // by value hash
  LastUsedWriter lastUsed_;
  // Refused hashes -> the 401 message, apart so that a flood of wrong values does not evict the
  // tokens in use.
  GenerationCache<Refusal> refusals_;
};

}  // namespace astro::service
