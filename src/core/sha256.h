// SHA-256 (OpenSSL EVP) with a lower-case hex digest: token value hashes, the audit chain, the
// checksums of `astro-server db copy`. One implementation for all of them.
#pragma once

#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace astro::core {

// Incremental: update() any number of times, then hexDigest() once.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  Sha256& update(std::string_view bytes);
  std::string hexDigest();  // 64 lower-case hex characters

 private:
  evp_md_ctx_st* ctx_;
};

inline std::string sha256Hex(std::string_view bytes) {
  return Sha256().update(bytes).hexDigest();
}

}  // namespace astro::core
