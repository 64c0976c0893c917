// Organization API tokens: every rule of their lifecycle (product.md "Tokens", "Who may do what").
// Each call checks the caller's permission in `orgId` (a subject outside it gets 404, never a
// hint that the object exists), validates all input before changing anything, and writes the
// audit record in the same transaction as the change (refusals are audited too).
// Reads (get, list) reuse what an earlier read found until the next write transaction
// (GenerationCache); permission is checked on every call before anything is reused.
#pragma once

#include <memory>
#include <string_view>

#include "core/pagination.h"
#include "core/result.h"
#include "core/tokens/api_token.h"
#include "service/audit/audit_log.h"
#include "service/cache/generation_cache.h"
#include "service/caller.h"
#include "service/clock.h"
#include "service/settings.h"
#include "store/store.h"

namespace astro::service {

class TokenService {
 public:
  TokenService(store::Store& store, const Clock& clock, core::RandomBytes random,
               const AuditLog& audit, ServiceSettings settings = {});

  // Sort fields: createdAt, description, name, tokenStartAt, updatedAt; limit 1..1000.
  core::Result<core::Page<core::ApiToken>> list(const Caller& caller, std::string_view orgId,
                                                const core::TokenListFilter& filter,
                                                const core::ListQuery& query);
  core::Result<core::ApiToken> get(const Caller& caller, std::string_view orgId,
                                   std::string_view tokenId);
  // The same answers, shared with the read cache instead of copied (the server's hot paths).
  using SharedPage = std::shared_ptr<const core::Page<core::ApiToken>>;
  using SharedToken = std::shared_ptr<const core::ApiToken>;
  core::Result<SharedPage> listShared(const Caller& caller, std::string_view orgId,
                                      const core::TokenListFilter& filter,
                                      const core::ListQuery& query);
  core::Result<SharedToken> getShared(const Caller& caller, std::string_view orgId,
                                      std::string_view tokenId);
  // The returned token carries its value (`token`), the only time it is ever shown.
  core::Result<core::ApiToken> create(const Caller& caller, std::string_view orgId,
                                      const core::CreateApiTokenRequest& request);
  core::Result<core::ApiToken> update(const Caller& caller, std::string_view orgId,
                                      std::string_view tokenId,
                                      const core::UpdateApiTokenRequest& request);
  core::Result<core::SubjectRoles> updateRoles(const Caller& caller, std::string_view orgId,
                                               std::string_view tokenId,
                                               const core::UpdateApiTokenRolesRequest& request);
  // New value (returned once); the old one is rejected from this moment.
  core::Result<core::ApiToken> rotate(const Caller& caller, std::string_view orgId,
                                      std::string_view tokenId);
  core::Result<void> remove(const Caller& caller, std::string_view orgId, std::string_view tokenId);

  // The read caches of get and list (for /metrics).
  CacheStats tokenCacheStats() const { return tokenCache_.stats(); }
  CacheStats pageCacheStats() const { return tokenPageCache_.stats(); }

 private:
  store::Store& store_;
  const Clock& clock_;
  core::RandomBytes random_;
  const AuditLog& audit_;
  ServiceSettings settings_;
  GenerationCache<core::ApiToken> tokenCache_;                  // by organization and token ID
  GenerationCache<core::Page<core::ApiToken>> tokenPageCache_;  // by organization and query
};

// Larger pages are read every time: they would crowd the fixed-size page cache.
inline constexpr std::size_t kMaxCachedPageItems = 100;

}  // namespace astro::service
