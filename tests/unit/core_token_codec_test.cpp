#include "core/tokens/token_codec.h"

#include <gtest/gtest.h>

#include <regex>
#include <vector>

namespace astro::core {
namespace {

// Deterministic byte source so the tests are repeatable.
RandomBytes counterBytes(std::uint8_t start = 0) {
  return [n = start](std::span<std::uint8_t> out) mutable {
    for (auto& b : out) b = n++;
  };
}

TEST(TokenCodec, GeneratesTheDocumentedShape) {
  auto value = generateTokenValue(TokenScopeTag::Organization, "", counterBytes());
  EXPECT_EQ(value.size(), std::string("astro_org_").size() + 49);
  EXPECT_TRUE(std::regex_match(value, std::regex(std::string(kTokenRegex))));
  auto withInstance = generateTokenValue(TokenScopeTag::Organization, "prod1", counterBytes());
  EXPECT_EQ(withInstance.rfind("astro_org_prod1_", 0), 0u);
  EXPECT_TRUE(std::regex_match(withInstance, std::regex(std::string(kTokenRegex))));
}

TEST(TokenCodec, ParsesWhatItGenerates) {
  auto value = generateTokenValue(TokenScopeTag::Organization, "eu", counterBytes(7));
  auto parsed = parseTokenValue(value);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->scope, TokenScopeTag::Organization);
  EXPECT_EQ(parsed->instance, "eu");
  EXPECT_EQ(parsed->random.size(), kTokenRandomChars);
}

TEST(TokenCodec, ChecksumRejectsEveryChangedCharacter) {
  auto value = generateTokenValue(TokenScopeTag::Organization, "", counterBytes(3));
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string changed = value;
    changed[i] = changed[i] == 'a' ? 'b' : 'a';
    EXPECT_FALSE(parseTokenValue(changed).ok()) << "position " << i;
  }
}

TEST(TokenCodec, RejectsLookAlikes) {
  for (const std::string& bad : std::vector<std::string>{"", "astro_org_", "Bearer x", "astro_xyz_" + std::string(49, 'a'),
                          "astro_org_" + std::string(48, 'a'), "astro_org_" + std::string(50, 'a'),
                          "astro_org_BAD!_" + std::string(49, 'a')}) {
    EXPECT_FALSE(parseTokenValue(bad).ok()) << bad;
  }
}

TEST(TokenCodec, RandomPartIsUniformOverTheAlphabet) {
  // A byte source covering every byte value: rejection sampling must drop 248..255.
  std::string value = generateTokenValue(TokenScopeTag::Organization, "", counterBytes(240));
  for (char c : value.substr(10, kTokenRandomChars))
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)));
}

TEST(TokenCodec, ShortTokenIsPrefixPlusSixCharacters) {
  auto value = generateTokenValue(TokenScopeTag::Organization, "", counterBytes());
  EXPECT_EQ(shortTokenOf(value), value.substr(0, 10 + kShortTokenRandomChars));
}

TEST(TokenCodec, HashIsSha256Hex) {
  EXPECT_EQ(hashTokenValue("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TokenCodec, Base62FixedWidth) {
  EXPECT_EQ(base62Fixed(0, 6), "000000");
  EXPECT_EQ(base62Fixed(61, 6), "00000z");
  EXPECT_EQ(base62Fixed(62, 6), "000010");
  EXPECT_EQ(base62Fixed(0xFFFFFFFFu, 6), "4gfFC3");
}

}  // namespace
}  // namespace astro::core
