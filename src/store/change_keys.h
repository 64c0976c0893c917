// The keys of the change log: what a write makes stale, named the same by the store (which
// records them in the transaction that writes: store/sql/) and by the caches of the service
// layer (which ask Store::generation(key) before they read). One place, so the two cannot drift.
//
//   tokenHash(h)      a token value's hash: what authentication read for it (the token row and
//                     its roles, or the retired hash that refuses it)
//   token(org, id)    one token as the API shows it (get by ID)
//   tokenPages(org)   every page of the organization's token list
#pragma once

#include <string>
#include <string_view>

namespace astro::store::changes {

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
