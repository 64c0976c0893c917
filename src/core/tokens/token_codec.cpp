#include "core/tokens/token_codec.h"

#include <zlib.h>

#include <array>
#include <vector>

#include "core/sha256.h"

namespace astro::core {
namespace {

constexpr std::string_view kAlphabet =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

std::string_view scopeTag(TokenScopeTag s) {
  switch (s) {
    case TokenScopeTag::Organization: return "org";
    case TokenScopeTag::Workspace: return "ws";
    case TokenScopeTag::Deployment: return "dep";
  }
  return "org";
}

bool isBase62(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

Error malformed() { return Error::unauthenticated("API token is invalid or malformed"); }

}  // namespace

bool isValidInstanceTag(std::string_view tag) {
  if (tag.empty() || tag.size() > 16) return false;
  for (char c : tag)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  return true;
}

std::string base62Fixed(std::uint64_t n, std::size_t width) {
  std::string out(width, '0');
  for (std::size_t i = width; i > 0 && n > 0; --i) {
    out[i - 1] = kAlphabet[n % 62];
    n /= 62;
  }
  return out;
}

std::uint32_t crc32Of(std::string_view s) {
  return static_cast<std::uint32_t>(
      ::crc32(0L, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
}

std::string generateTokenValue(TokenScopeTag scope, std::string_view instance,
                               const RandomBytes& random) {
  std::string value;
  value.reserve(80);
  value.append(kTokenProduct).append("_").append(scopeTag(scope)).append("_");
  if (!instance.empty()) value.append(instance).append("_");
  // Rejection sampling keeps each character uniform: accept bytes below 248 = 4 * 62.
  std::array<std::uint8_t, 64> buf{};
  std::size_t produced = 0;
  while (produced < kTokenRandomChars) {
    random(buf);
    for (std::uint8_t b : buf) {
      if (b >= 248) continue;
      value.push_back(kAlphabet[b % 62]);
      if (++produced == kTokenRandomChars) break;
    }
  }
  value.append(base62Fixed(crc32Of(value), kTokenChecksumChars));
  return value;
}

Result<ParsedToken> parseTokenValue(std::string_view value) {
  constexpr std::size_t kTail = kTokenRandomChars + kTokenChecksumChars;
  if (value.size() > 128 || value.substr(0, kTokenProduct.size() + 1) != "astro_") return malformed();
  std::string_view rest = value.substr(kTokenProduct.size() + 1);
  auto us = rest.find('_');
  if (us == std::string_view::npos) return malformed();
  std::string_view tag = rest.substr(0, us);
  ParsedToken parsed{};
  if (tag == "org") parsed.scope = TokenScopeTag::Organization;
  else if (tag == "ws") parsed.scope = TokenScopeTag::Workspace;
  else if (tag == "dep") parsed.scope = TokenScopeTag::Deployment;
  else return malformed();
  rest = rest.substr(us + 1);
  if (auto inst = rest.find('_'); inst != std::string_view::npos) {
    if (!isValidInstanceTag(rest.substr(0, inst))) return malformed();
    parsed.instance = std::string(rest.substr(0, inst));
    rest = rest.substr(inst + 1);
  }
  if (rest.size() != kTail) return malformed();
  for (char c : rest)
    if (!isBase62(c)) return malformed();
  std::string_view body = value.substr(0, value.size() - kTokenChecksumChars);
  if (base62Fixed(crc32Of(body), kTokenChecksumChars) != value.substr(body.size())) return malformed();
  parsed.random = std::string(rest.substr(0, kTokenRandomChars));
  return parsed;
}

std::string shortTokenOf(std::string_view value) {
  // Everything up to the random part, plus its first few characters.
  std::size_t randomStart = value.size() >= kTokenRandomChars + kTokenChecksumChars
                                ? value.size() - kTokenRandomChars - kTokenChecksumChars
                                : 0;
  return std::string(value.substr(0, randomStart + kShortTokenRandomChars));
}

std::string hashTokenValue(std::string_view value) {
  return sha256Hex(value);
}

}  // namespace astro::core
