// Human-readable text rules (core/validation/text_rules.h): what names, descriptions and e-mail
// addresses may hold, and how a request value is echoed into a message (bounded, made visible).
#include "core/validation/text_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "core/tokens/token_validation.h"
#include "core/validation/access_validation.h"

namespace astro::core {
namespace {

using ::testing::HasSubstr;

std::string problem(std::string_view s, TextLines lines = TextLines::Single) {
  auto p = unsafeTextProblem(s, lines);
  return p ? *p : std::string("<none>");
}

TEST(TextRules, OrdinaryTextOfAnyScriptIsFine) {
  EXPECT_FALSE(unsafeTextProblem("CI deploy token", TextLines::Single));
  EXPECT_FALSE(unsafeTextProblem("Zürich 東京 Ελλάδα 🚀 (prod)", TextLines::Single));
  EXPECT_FALSE(unsafeTextProblem("line one\n\tline two", TextLines::Multi));
  EXPECT_FALSE(unsafeTextProblem("", TextLines::Single));
}

TEST(TextRules, BidiOverridesAndIsolatesAreRefusedNamingTheCodePointAndByte) {
  // "Deploy" then RIGHT-TO-LEFT OVERRIDE: a table would show the rest reversed.
  EXPECT_EQ(problem("Deploy\u202Egnp.exe"),
            "must not contain bidirectional formatting characters (U+202E at byte 6)");
  for (const char* s : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067",
                        "\u2068", "\u2069", "\u061C", "\u200E", "\u200F"})
    EXPECT_THAT(problem(std::string("x") + s, TextLines::Multi), HasSubstr("bidirectional")) << s;
}

TEST(TextRules, InvisibleAndLineSeparatorCharactersAreRefused) {
  for (const char* s : {"\u200B", "\u200C", "\u200D", "\uFEFF", "\u2060", "\u00AD"})
    EXPECT_THAT(problem(std::string("a") + s + "b", TextLines::Multi), HasSubstr("invisible")) << s;
  EXPECT_EQ(problem("a\u2028b", TextLines::Multi),
            "must not contain control characters (U+2028 at byte 1)");
  EXPECT_THAT(problem("a\u2029b", TextLines::Multi), HasSubstr("U+2029"));
}

TEST(TextRules, C0AndC1ControlsAreRefusedTabAndNewlineOnlyInMultiLineText) {
  EXPECT_EQ(problem("ab\x07"), "must not contain control characters (U+0007 at byte 2)");
  EXPECT_EQ(problem("a\x1b[2J"), "must not contain control characters (U+001B at byte 1)");
  EXPECT_EQ(problem("a\x7f"), "must not contain control characters (U+007F at byte 1)");
  EXPECT_EQ(problem("a\u0085"), "must not contain control characters (U+0085 at byte 1)");
  EXPECT_EQ(problem("a\u009b"), "must not contain control characters (U+009B at byte 1)");
  EXPECT_EQ(problem("a\nb"), "must not contain control characters (U+000A at byte 1)");
  EXPECT_EQ(problem("a\tb"), "must not contain control characters (U+0009 at byte 1)");
  EXPECT_EQ(problem("a\rb", TextLines::Multi),
            "must not contain control characters (U+000D at byte 1)");
  EXPECT_EQ(problem(std::string("a\0b", 3), TextLines::Multi),
            "must not contain control characters (U+0000 at byte 1)");
}

TEST(TextRules, InvalidUtf8IsRefusedNamingTheByte) {
  EXPECT_EQ(problem("ab\xff"), "must be valid UTF-8 (byte 0xFF at byte 2)");
  EXPECT_THAT(problem("\xc0\xaf"), HasSubstr("valid UTF-8"));          // overlong '/'
  EXPECT_THAT(problem("a\xed\xa0\x80"), HasSubstr("valid UTF-8"));     // a UTF-16 surrogate
  EXPECT_THAT(problem("a\xe2\x80"), HasSubstr("valid UTF-8"));         // truncated
  EXPECT_THAT(problem("\xf4\x90\x80\x80"), HasSubstr("valid UTF-8"));  // above U+10FFFF
  EXPECT_THAT(problem("\x80"), HasSubstr("valid UTF-8"));              // lone continuation
}

TEST(TextRules, EveryNameAndDescriptionValidatorUsesTheRules) {
  auto name = validateTokenName("build\u202Etxt.exe");
  ASSERT_TRUE(name);
  EXPECT_EQ(name->code, "invalid");
  EXPECT_EQ(name->field, "name");
  EXPECT_EQ(name->message,
            "name must not contain bidirectional formatting characters (U+202E at byte 5)");
  auto description = validateTokenDescription("ok\n\u200Bhidden");
  ASSERT_TRUE(description);
  EXPECT_THAT(description->message, HasSubstr("U+200B at byte 3"));
  EXPECT_FALSE(validateTokenDescription("line one\n\tline two"));

  auto team = validateAccessName("Data\u2066", "name", "team name");
  ASSERT_TRUE(team);
  EXPECT_EQ(team->message,
            "team name must not contain bidirectional formatting characters (U+2066 at byte 4)");
  auto access = validateAccessDescription("a\xff", "description");
  ASSERT_TRUE(access);
  EXPECT_THAT(access->message, HasSubstr("valid UTF-8"));
  auto email = validateEmail("ev\u202Eil@example.com", "inviteeEmail");
  ASSERT_TRUE(email);
  EXPECT_THAT(email->message, HasSubstr("U+202E"));
}

TEST(TextRules, EchoedValuesAreBoundedAndShowHiddenCharacters) {
  EXPECT_EQ(echoValue("prod"), "\"prod\"");
  const std::string huge(1 << 20, 'x');
  auto echoed = echoValue(huge);
  EXPECT_LE(echoed.size(), kMaxEchoedValueBytes + 40) << echoed;
  EXPECT_THAT(echoed, HasSubstr("1048576 bytes"));
  EXPECT_EQ(echoValue("a\u202Eb\x1b"), "\"a\\u{202E}b\\u{1B}\"");
  EXPECT_EQ(echoValue("a\xff"), "\"a\\xFF\"");
  // Cut on a character boundary: never half of a multi-byte character.
  auto cut = echoValue(std::string(kMaxEchoedValueBytes - 1, 'a') + "é and more");
  EXPECT_EQ(cut.find("\xc3\""), std::string::npos) << cut;
  EXPECT_FALSE(unsafeTextProblem(cut, TextLines::Single)) << cut;
}

}  // namespace
}  // namespace astro::core
