// The keys of the change log: what a write makes stale, named the same by the store (which
// records them in the transaction that writes: store/sql/) and by the caches of the service
// layer (which ask Store::generation(key) before they read). One place, so the two cannot drift.
//
//   tokenHash(h)      a token value's hash: what authentication read for it (the token row and
//                     its roles, or the retired hash that refuses it)
//   token(org, id)    one token as the API shows it (get by ID)
//   tokenPages(org)   every page of the organization's token list
//
// Each kind of key has counters of its own in ChangeStamps (kindOf): a change to keys of one
// kind never moves the generation of another kind's. lastUsedAt, written for every token of a
// fleet once a minute, moves token(org, id) and tokenPages(org); what authentication cached
// under tokenHash(h) stays.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace astro::store::changes {

enum class Kind : unsigned char { TokenHash, Token, TokenPages, Other };
inline constexpr std::size_t kKinds = 4;

constexpr Kind kindOf(std::string_view key) {
  if (key.size() < 2 || key[1] != ':') return Kind::Other;
  switch (key[0]) {
    case 'h':
      return Kind::TokenHash;
    case 't':
      return Kind::Token;
    case 'p':
      return Kind::TokenPages;
    default:
      return Kind::Other;
  }
}

inline std::string tokenHash(std::string_view valueHash) {
  std::string k("h:");
  return k.append(valueHash);
}

inline std::string token(std::string_view orgId, std::string_view tokenId) {
  std::string k("t:");
  return k.append(orgId).append(1, '/').append(tokenId);
}

inline std::string tokenPages(std::string_view orgId) {
  std::string k("p:");
  return k.append(orgId);
}

}  // namespace astro::store::changes
