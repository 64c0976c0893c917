#include "service/auth/auth_service.h"

#include "core/tokens/bearer_credential.h"
#include "core/tokens/token_codec.h"
#include "service/access/org_access.h"
#include "store/change_keys.h"

namespace astro::service {

AuthService::AuthService(store::Store& store, const Clock& clock, ServiceSettings settings,
                         RefusalAudit* refusals)
    : store_(store),
      clock_(clock),
      settings_(std::move(settings)),
      refusalAudit_(refusals),
      cache_(settings_.authCacheEntries),
      lastUsed_(store, settings_.lastUsedFlushInterval),
      refusals_(settings_.authCacheEntries / 4) {}

core::Error AuthService::refuse(const RequestFacts& request, std::string_view message,
                                const RefusedToken* token) {
  core::Error e = core::Error::unauthenticated(std::string(message));
  if (refusalAudit_) {
    refusalAudit_->unauthenticated(request, token, message);
    e.audited = true;
  }
  return e;
}

core::Result<Subject> AuthService::authenticate(std::string_view authorization,
                                                const RequestFacts& request) {
  const std::string_view value = core::bearerCredential(authorization);
  if (value.empty()) return refuse(request, kMissingTokenMessage, nullptr);
  if (!core::parseTokenValue(value).ok()) return refuse(request, kMalformedTokenMessage, nullptr);
  const std::string hash = core::hashTokenValue(value);
  const core::Timestamp now = clock_.now();

  // Read before the data: what is read while the generation is G stays valid while it is G.
  // The value's key moves with every change to its token (store/change_keys.h), on every replica.
  const std::uint64_t generation = store_.generation(store::changes::tokenHash(hash));
  std::shared_ptr<const TokenFacts> facts = cache_.find(hash, generation);
  if (!facts) {
    // A client retrying with a revoked token is answered from memory too; a value refused a
    // moment ago authenticates as soon as a token with it is written (that moves its key).
    if (auto refusal = refusals_.find(hash, generation)) return refuse(request, *refusal);
    std::optional<store::TokenRecord> found;
    std::optional<store::RetiredTokenHash> retired;
    std::optional<store::TokenRecord> rotated;  // the token a rotated value belonged to
    try {
      // One read transaction, one indexed lookup (the token row joined with its roles).
      auto tx = store_.begin(store::Store::Mode::Read);
      found = tx->tokens().findByHash(hash);
      if (!found) retired = tx->tokens().findRetiredHash(hash);
      if (retired && retired->reason == "rotated")
        rotated = tx->tokens().find(retired->organizationId, retired->tokenId);
    } catch (const store::StoreError& e) {
      // 503 when the failure is transient (the database gone, no connection free); 500 otherwise.
      if (isTransientStoreFailure(e.kind())) return storeFailureError(e);
      return core::Error::internal(std::string(kInternalErrorMessage));
    }
    if (!found) {
      auto refusal = std::make_shared<Refusal>();
      refusal->message = kUnknownTokenMessage;
      if (retired) {
        if (retired->reason == "rotated") refusal->message = kRotatedTokenMessage;
        if (retired->reason == "deleted") refusal->message = kDeletedTokenMessage;
        refusal->organizationId = retired->organizationId;
        refusal->tokenId = retired->tokenId;
        if (rotated) refusal->tokenName = rotated->token.name;
      }
      refusals_.put(hash, generation, refusal);
      return refuse(request, *refusal);
    }
    const core::ApiToken& token = found->token;
    auto fresh = std::make_shared<TokenFacts>();
    fresh->endAt = token.endAt;
    if (token.lastUsedAt) fresh->claimedInterval = intervalOf(*token.lastUsedAt);
    Subject& subject = fresh->subject;
    subject.type = core::SubjectType::ServiceKey;
    subject.id = token.id;
    subject.organizationId = found->organizationId;
    subject.name = token.name;
    for (const auto& role : token.roles) {
      if (role.entityType == "ORGANIZATION" && role.entityId == found->organizationId) {
        subject.tokenOrgRole = core::parseOrgRole(role.role);
        break;
      }
    }
    subject.profile.id = token.id;
    subject.profile.subjectType = core::SubjectType::ServiceKey;
    subject.profile.apiTokenName = token.name;
    cache_.put(hash, generation, fresh);
    facts = std::move(fresh);
  }

  if (facts->endAt && *facts->endAt <= now) {
    const Subject& s = facts->subject;
    const RefusedToken token{s.organizationId, s.id, s.name};
    return refuse(request, kExpiredTokenMessage, &token);
  }
  touchLastUsed(*facts, now);
  return facts->subject;
}

core::Error AuthService::refuse(const RequestFacts& request, const Refusal& refusal) {
  if (refusal.organizationId.empty()) return refuse(request, refusal.message, nullptr);
  const RefusedToken token{refusal.organizationId, refusal.tokenId, refusal.tokenName};
  return refuse(request, refusal.message, &token);
}

std::int64_t AuthService::intervalOf(core::Timestamp at) const {
  const auto resolution = std::max<std::int64_t>(1, settings_.lastUsedResolution.count());
  const std::int64_t secs = at.time_since_epoch().count();
  return secs / resolution - (secs % resolution < 0 ? 1 : 0);  // floored, also before 1970
}

// lastUsedAt to the resolution (a minute): at most one small write per token per interval.
void AuthService::touchLastUsed(const TokenFacts& facts, core::Timestamp now) {
  // Only the request that moves the token's claim to this interval records it, and only when
  // the stored value is older (not e.g. after a restart within the same interval: the claim
  // starts at the stored interval). The common case reads one atomic and writes nothing.
  const std::int64_t interval = intervalOf(now);
  std::int64_t claimed = facts.claimedInterval.load(std::memory_order_relaxed);
  while (claimed < interval) {
    if (facts.claimedInterval.compare_exchange_weak(claimed, interval, std::memory_order_relaxed)) {
      // Written off the request path, in a batch; a write that fails never fails the request.
      const auto resolution = std::max<std::int64_t>(1, settings_.lastUsedResolution.count());
      lastUsed_.record(facts.subject.organizationId, facts.subject.id,
                       core::Timestamp{std::chrono::seconds{interval * resolution}});
      return;
    }
  }
}

}  // namespace astro::service
