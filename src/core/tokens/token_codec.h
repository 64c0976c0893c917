// The API token value format (see README "Token format"):
//
//   astro_<scope>_[<instance>_]<43 base62 random chars><6 base62 chars of CRC32>
//
// <scope> is "org", "ws" or "dep"; <instance> is an optional installation tag [a-z0-9]{1,16};
// the checksum covers every character before it, so scanners reject look-alikes offline.
// 43 uniformly random base62 characters carry 256.0 bits. Pure: randomness comes from the caller.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

namespace astro::core {

enum class TokenScopeTag { Organization, Workspace, Deployment };

inline constexpr std::string_view kTokenProduct = "astro";
inline constexpr std::size_t kTokenRandomChars = 43;
inline constexpr std::size_t kTokenChecksumChars = 6;
inline constexpr std::size_t kShortTokenRandomChars = 6;
// The regular expression published for secret scanners.
inline constexpr std::string_view kTokenRegex =
    "astro_(org|ws|dep)_([a-z0-9]{1,16}_)?[0-9A-Za-z]{49}";

// Fills the buffer with cryptographically secure random bytes.
using RandomBytes = std::function<void(std::span<std::uint8_t>)>;

struct ParsedToken {
  TokenScopeTag scope;
  std::string instance;  // empty when absent
  std::string random;    // the 43 random characters
};

// Returns false for an instance tag that does not match [a-z0-9]{1,16}.
bool isValidInstanceTag(std::string_view tag);

std::string generateTokenValue(TokenScopeTag scope, std::string_view instance,
                               const RandomBytes& random);
// Checks shape and checksum. The error message never echoes the value.
Result<ParsedToken> parseTokenValue(std::string_view value);
// Non-secret display handle: the prefix plus the first few random characters.
std::string shortTokenOf(std::string_view value);
// Lower-case hex SHA-256 of the whole value: the only form stored at rest.
std::string hashTokenValue(std::string_view value);

// Helpers exposed for tests.
std::string base62Fixed(std::uint64_t n, std::size_t width);
std::uint32_t crc32Of(std::string_view s);

}  // namespace astro::core
