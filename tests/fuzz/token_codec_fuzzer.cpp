// Fuzzes the token codec (src/core/tokens/token_codec): parseTokenValue on arbitrary text, and
// round trips. Invariants: no crash; a value that parses is rebuilt exactly from its parts
// (scope tag, instance, random part, checksum of the rest); a generated value (the input as the
// random bytes) parses back to its own parts; shortTokenOf and the hash never fail.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

#include "core/tokens/token_codec.h"

namespace {

using namespace astro::core;

std::string_view tagOf(TokenScopeTag s) {
  switch (s) {
    case TokenScopeTag::Organization:
      return "org";
    case TokenScopeTag::Workspace:
      return "ws";
    case TokenScopeTag::Deployment:
      return "dep";
  }
  std::abort();
}

// The value as the README's "Token format" spells it, from parsed parts.
std::string encode(const ParsedToken& p) {
  std::string v = std::string(kTokenProduct) + "_" + std::string(tagOf(p.scope)) + "_";
  if (!p.instance.empty()) v += p.instance + "_";
  v += p.random;
  return v + base62Fixed(crc32Of(v), kTokenChecksumChars);
}

[[noreturn]] void fail(const char* what, std::string_view value) {
  std::fprintf(stderr, "%s: %.*s\n", what, static_cast<int>(value.size()), value.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  if (auto parsed = parseTokenValue(input); parsed.ok()) {
    if (parsed->random.size() != kTokenRandomChars) fail("random part of the wrong length", input);
    if (!parsed->instance.empty() && !isValidInstanceTag(parsed->instance))
      fail("an invalid instance tag accepted", input);
    if (encode(*parsed) != input) fail("re-encoding gives another value", input);
    if (shortTokenOf(input).size() > input.size()) fail("short token longer than the value", input);
  }
  (void)hashTokenValue(input);

  // The input as the random source: first byte picks the scope, the next up to 16 the instance.
  if (size < 2) return 0;
  const auto scope = static_cast<TokenScopeTag>(data[0] % 3);
  std::string instance;
  for (std::size_t i = 1; i < size && i <= (data[1] % 17u); ++i)
    instance += "abcdefghijklmnopqrstuvwxyz0123456789"[data[i] % 36];
  std::size_t pos = 0;
  std::uint8_t spin = 0;
  RandomBytes random = [&](std::span<std::uint8_t> out) {
    // Cycle through the input, plus a counter so that bytes >= 248 (rejected) cannot loop forever.
    for (auto& b : out) b = static_cast<std::uint8_t>(data[pos++ % size] + spin++);
  };
  const std::string value = generateTokenValue(scope, instance, random);
  auto back = parseTokenValue(value);
  if (!back.ok()) fail("a generated value does not parse", value);
  if (back->scope != scope || back->instance != instance || encode(*back) != value)
    fail("a generated value parses to other parts", value);
  return 0;
}
