// Organization API tokens (their roles are stored and returned with them) and the hashes of
// retired values.
// One of the per-resource interfaces a store::Transaction hands out (store/store.h); every
// backend implements it and passes the conformance suite.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/pagination.h"
#include "store/records.h"

namespace astro::store {

class Tokens {
 public:
  virtual ~Tokens() = default;

  virtual void insert(const TokenRecord& t) = 0;
  // Replaces every mutable field, the role set and the value hash of an existing token, except
  // lastUsedAt: the record was read earlier in the caller's transaction, and a lastUsedAt flush
  // may have committed since (PostgreSQL reads committed data), so only setLastUsed moves it.
  virtual void update(const TokenRecord& t) = 0;
  // Returns false when no such token exists in that organization.
  virtual bool remove(std::string_view orgId, std::string_view tokenId) = 0;
  virtual std::optional<TokenRecord> find(std::string_view orgId, std::string_view tokenId) = 0;
  virtual std::optional<TokenRecord> findByHash(std::string_view valueHash) = 0;
  // Sorting on any of createdAt, description, name, tokenStartAt, updatedAt (asc/desc),
  // ties broken by insertion order; default order createdAt asc. totalCount counts the filter's
  // matches.
  virtual core::Page<TokenRecord> list(std::string_view orgId, const core::TokenListFilter& filter,
                                       const core::ListQuery& query) = 0;
  // Moves each use's token's lastUsedAt forward to its `at` (never back: with several replicas
  // the latest wins); a use of a token that is not in that organization changes nothing. Not a
  // change authentication reads (store/change_keys.h: tokenHash is not made stale); only the
  // tokens it moves are made stale. A batch costs a few statements, not one per use.
  virtual void setLastUsed(std::span<const LastUse> uses) = 0;
  void setLastUsed(std::string_view orgId, std::string_view tokenId, core::Timestamp at) {
    const LastUse use{std::string(orgId), std::string(tokenId), at};
    setLastUsed(std::span<const LastUse>(&use, 1));
  }
  virtual void insertRetiredHash(const RetiredTokenHash& r) = 0;
  virtual std::optional<RetiredTokenHash> findRetiredHash(std::string_view valueHash) = 0;
};

}  // namespace astro::store
