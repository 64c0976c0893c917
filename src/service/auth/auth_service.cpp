#include "service/auth/auth_service.h"

#include <cctype>

#include "core/tokens/token_codec.h"
#include "service/access/org_access.h"

namespace astro::service {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "Bearer <token>" (scheme case-insensitive) or a bare token -> the token text.
std::string_view credentialOf(std::string_view header) {
  std::string_view s = trim(header);
  constexpr std::string_view kScheme = "bearer";
  if (s.size() >= kScheme.size()) {
    bool match = true;
    for (std::size_t i = 0; i < kScheme.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(s[i])) != kScheme[i]) match = false;
    if (match &&
        (s.size() == kScheme.size() || s[kScheme.size()] == ' ' || s[kScheme.size()] == '\t'))
      return trim(s.substr(kScheme.size()));
  }
  return s;
}

}  // namespace

AuthService::AuthService(store::Store& store, const Clock& clock, ServiceSettings settings)
    : store_(store),
      clock_(clock),
      settings_(std::move(settings)),
      cache_(settings_.authCacheEntries),
      refusals_(settings_.authCacheEntries / 4) {}

core::Result<Subject> AuthService::authenticate(std::string_view authorization) {
  const std::string_view value = credentialOf(authorization);
  if (value.empty()) return core::Error::unauthenticated(std::string(kMissingTokenMessage));
  if (!core::parseTokenValue(value).ok())
    return core::Error::unauthenticated(std::string(kMalformedTokenMessage));
  const std::string hash = core::hashTokenValue(value);
  const core::Timestamp now = clock_.now();

  // Read before the data: what is read while the generation is G stays valid while it is G.
  const std::uint64_t generation = store_.generation();
  std::shared_ptr<const TokenFacts> facts = cache_.find(hash, generation);
  if (!facts) {
    // A client retrying with a revoked token is answered from memory too; a value refused a
    // moment ago authenticates as soon as its token is written (a write moves the generation).
    if (auto refusal = refusals_.find(hash, generation))
      return core::Error::unauthenticated(std::string(*refusal));
    std::optional<store::TokenRecord> found;
    std::optional<store::RetiredTokenHash> retired;
    try {
      // One read transaction, one indexed lookup (the token row joined with its roles).
      auto tx = store_.begin(store::Store::Mode::Read);
      found = tx->findTokenByHash(hash);
      if (!found) retired = tx->findRetiredHash(hash);
    } catch (const store::StoreError& e) {
      // 503 when the database is gone (a read may need a fresh connection); 500 otherwise.
      if (e.kind() == store::StoreError::Kind::Unavailable) return storeFailureError(e);
      return core::Error::internal(std::string(kInternalErrorMessage));
    }
    if (!found) {
      std::string_view message = kUnknownTokenMessage;
      if (retired && retired->reason == "rotated") message = kRotatedTokenMessage;
      if (retired && retired->reason == "deleted") message = kDeletedTokenMessage;
      refusals_.put(hash, generation, std::make_shared<const std::string_view>(message));
      return core::Error::unauthenticated(std::string(message));
    }
    const core::ApiToken& token = found->token;
    auto fresh = std::make_shared<TokenFacts>();
    fresh->endAt = token.endAt;
    fresh->lastUsedAt = token.lastUsedAt;
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

  if (facts->endAt && *facts->endAt <= now)
    return core::Error::unauthenticated(std::string(kExpiredTokenMessage));
  touchLastUsed(*facts, now);
  return facts->subject;
}

// lastUsedAt to the resolution (a minute): at most one small write per token per interval.
void AuthService::touchLastUsed(const TokenFacts& facts, core::Timestamp now) {
  const auto resolution = std::max<std::int64_t>(1, settings_.lastUsedResolution.count());
  const std::int64_t secs = now.time_since_epoch().count();
  const core::Timestamp bucket{
      std::chrono::seconds{secs - ((secs % resolution) + resolution) % resolution}};
  // Claim (token, interval) in the token's slot; only the request that claims it writes, and only
  // when the stored value is older (e.g. not after a restart within the same interval).
  const std::string& tokenId = facts.subject.id;
  const std::uint64_t idHash = std::hash<std::string>{}(tokenId);
  const std::uint64_t claim =
      (idHash << 32) ^ static_cast<std::uint32_t>(bucket.time_since_epoch().count() / resolution);
  auto& slot = lastUsedClaims_[idHash % kLastUsedSlots];
  const bool write = slot.load(std::memory_order_relaxed) != claim &&  // the common case: read only
                     slot.exchange(claim, std::memory_order_relaxed) != claim &&
                     facts.lastUsedAt != bucket;
  if (!write) return;
  try {
    auto tx = store_.begin(store::Store::Mode::Write);
    tx->setTokenLastUsed(tokenId, bucket);
    tx->commit();
  } catch (const store::StoreError&) {
    // Best effort: a missed lastUsedAt update must not fail an authenticated request.
  }
}

}  // namespace astro::service
