#include "service/auth/auth_service.h"

#include <cctype>

#include "core/tokens/token_codec.h"

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
    : store_(store), clock_(clock), settings_(std::move(settings)) {
  cacheSlots_ = settings_.authCacheEntries;
  if (cacheSlots_ > 0) cache_ = std::make_unique<CacheSlot[]>(cacheSlots_);
}

std::optional<AuthService::TokenFacts> AuthService::cached(std::string_view hash,
                                                           std::uint64_t generation) {
  if (cacheSlots_ == 0) return std::nullopt;
  CacheSlot& slot = cache_[std::hash<std::string_view>{}(hash) % cacheSlots_];
  std::lock_guard lock(slot.mu);
  if (!slot.facts || slot.facts->generation != generation || slot.facts->hash != hash)
    return std::nullopt;
  return slot.facts;
}

void AuthService::remember(const TokenFacts& facts) {
  if (cacheSlots_ == 0) return;
  CacheSlot& slot = cache_[std::hash<std::string_view>{}(facts.hash) % cacheSlots_];
  std::lock_guard lock(slot.mu);
  slot.facts = facts;
}

core::Result<Subject> AuthService::authenticate(std::string_view authorization) {
  const std::string_view value = credentialOf(authorization);
  if (value.empty()) return core::Error::unauthenticated(std::string(kMissingTokenMessage));
  if (!core::parseTokenValue(value).ok())
    return core::Error::unauthenticated(std::string(kMalformedTokenMessage));
  std::string hash = core::hashTokenValue(value);
  const core::Timestamp now = clock_.now();

  // Read before the data: what is read while the generation is G stays valid while it is G.
  const std::uint64_t generation = store_.generation();
  std::optional<TokenFacts> facts = cached(hash, generation);
  if (!facts) {
    std::optional<store::TokenRecord> found;
    std::optional<store::RetiredTokenHash> retired;
    try {
      // One read transaction, one indexed lookup (the token row joined with its roles).
      auto tx = store_.begin(store::Store::Mode::Read);
      found = tx->findTokenByHash(hash);
      if (!found) retired = tx->findRetiredHash(hash);
    } catch (const store::StoreError&) {
      return core::Error::internal("internal error");
    }
    if (!found) {
      // Not cached: a token created after this answer must authenticate at once.
      if (retired && retired->reason == "rotated")
        return core::Error::unauthenticated(std::string(kRotatedTokenMessage));
      if (retired && retired->reason == "deleted")
        return core::Error::unauthenticated(std::string(kDeletedTokenMessage));
      return core::Error::unauthenticated(std::string(kUnknownTokenMessage));
    }
    const core::ApiToken& token = found->token;
    facts.emplace();
    facts->hash = std::move(hash);
    facts->generation = generation;
    facts->endAt = token.endAt;
    facts->lastUsedAt = token.lastUsedAt;
    Subject& subject = facts->subject;
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
    remember(*facts);
  }

  if (facts->endAt && *facts->endAt <= now)
    return core::Error::unauthenticated(std::string(kExpiredTokenMessage));
  touchLastUsed(*facts, now);
  return std::move(facts->subject);
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
