// The direct writers (json_writer.h) against the value-tree path they replace on the server:
// for generated tokens and pages the text must be byte-identical to
// boost::json::serialize(toJson(...)) / boost::json::serialize(pageToJson(...)).
#include "core/json/json_writer.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <climits>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/json/api_json.h"

namespace astro::core {
namespace {

namespace json = boost::json;
using namespace std::chrono;

std::string written(std::string_view s) {
  std::string out;
  appendJsonString(out, s);
  return out;
}

std::string written(const ApiToken& t) {
  std::string out;
  appendJson(out, t);
  return out;
}

// ---- strings: what Boost.JSON's serializer does, pinned down byte by byte

TEST(JsonWriter, EscapesOnlyWhatJsonRequires) {
  EXPECT_EQ(written(""), R"("")");
  EXPECT_EQ(written("plain text / slash"), R"("plain text / slash")");
  EXPECT_EQ(written("say \"hi\""), R"("say \"hi\"")");
  EXPECT_EQ(written("back\\slash"), R"("back\\slash")");
  EXPECT_EQ(written("\b\t\n\f\r"), R"("\b\t\n\f\r")");
  EXPECT_EQ(written(std::string_view("\0", 1)), R"("\u0000")");
  EXPECT_EQ(written("\x01\x0b\x1a\x1f"), R"("\u0001\u000b\u001a\u001f")");
  EXPECT_EQ(written("\x7f"), "\"\x7f\"");                                          // DEL is copied
  EXPECT_EQ(written("caf\xc3\xa9 \xe2\x82\xac"), "\"caf\xc3\xa9 \xe2\x82\xac\"");  // UTF-8 copied
  EXPECT_EQ(written("\xe2\x80\xa8\xe2\x80\xa9"), "\"\xe2\x80\xa8\xe2\x80\xa9\"");  // U+2028/9 too
  EXPECT_EQ(written("\xff\xc3\x80\x80\xed\xa0\x80"),
            "\"\xff\xc3\x80\x80\xed\xa0\x80\"");  // invalid
}

TEST(JsonWriter, StringMatchesBoostForEveryByte) {
  for (int b = 0; b < 256; ++b) {
    std::string s = "a";
    s.push_back(static_cast<char>(b));
    s += "z";
    EXPECT_EQ(written(s), json::serialize(json::string_view(s))) << "byte " << b;
  }
}

TEST(JsonWriter, AppendsWithoutClearing) {
  std::string out = "prefix:";
  appendJsonString(out, "x");
  appendJsonInt(out, -42);
  EXPECT_EQ(out, R"(prefix:"x"-42)");
}

TEST(JsonWriter, IntegersMatchBoost) {
  for (std::int64_t n : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{3650},
                         std::int64_t{INT_MAX}, std::int64_t{INT_MIN}, INT64_MAX, INT64_MIN}) {
    std::string out;
    appendJsonInt(out, n);
    EXPECT_EQ(out, json::serialize(json::value(n)));
  }
}

TEST(JsonWriter, TimestampsMatchFormatRfc3339) {
  // The epoch and around it, leap days, the last four-digit second and past it (clamped), the
  // years 1 and 0 and before (clamped), far future and past.
  std::vector<std::int64_t> secs = {0,
                                    1,
                                    -1,
                                    59,
                                    86399,
                                    86400,
                                    951782400,
                                    1764417600,
                                    4102444800,
                                    253402300799,
                                    253402300800,
                                    -62135596800,
                                    -62167219200,
                                    -62167219201,
                                    400000000000,
                                    -400000000000};
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::int64_t> any(-500000000000, 500000000000);
  for (int i = 0; i < 2000; ++i) secs.push_back(any(rng));
  for (auto s : secs) {
    Timestamp t{seconds{s}};
    std::string out;
    appendJsonTimestamp(out, t);
    std::string expected = "\"";  // (not "\"" + ...: GCC 12 warns falsely, -Wrestrict)
    expected += formatRfc3339(t);
    expected += '"';
    EXPECT_EQ(out, expected) << s;
  }
}

// ---- generated tokens and pages

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}

  int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool coin() { return below(2) == 0; }

  // Concatenated fragments: the edge cases, often, and random bytes of any value.
  std::string text() {
    static const std::vector<std::string> fragments = {
        "",
        "a",
        "Token 1",
        "\"",
        "\\",
        "\\\"",
        "/",
        "</script>",
        std::string(1, '\0'),
        "\x01",
        "\x08\x09\x0a\x0c\x0d",
        "\x0b\x0e\x1b\x1f",
        "\x7f",
        "caf\xc3\xa9",
        "\xe2\x82\xac",
        "\xf0\x9f\x98\x80",
        "\xe2\x80\xa8",
        "\xe2\x80\xa9",
        "\xef\xbb\xbf",
        "\xff",
        "\xc3",
        "\x80",
        "\xc0\xaf",
        "\xed\xa0\x80",
        "\xf4\x90\x80\x80",
        std::string(40, 'x'),
    };
    std::string s;
    int parts = below(5);
    for (int i = 0; i < parts; ++i) {
      if (below(4) == 0) {
        int n = below(24);
        for (int j = 0; j < n; ++j) s.push_back(static_cast<char>(below(256)));
      } else {
        s += fragments[static_cast<std::size_t>(below(static_cast<int>(fragments.size())))];
      }
    }
    return s;
  }

  std::optional<std::string> optText() { return coin() ? std::optional(text()) : std::nullopt; }

  Timestamp time() {
    switch (below(5)) {
      case 0:
        return Timestamp{};  // the epoch
      case 1:
        return Timestamp{seconds{253402300799}};  // 9999-12-31T23:59:59Z
      case 2:
        return Timestamp{seconds{std::uniform_int_distribution<std::int64_t>(
            -70000000000, 300000000000)(rng_)}};  // around and beyond the four-digit years
      default:
        return Timestamp{seconds{std::uniform_int_distribution<std::int64_t>(0, 4102444800)(rng_)}};
    }
  }
  std::optional<Timestamp> optTime() { return coin() ? std::optional(time()) : std::nullopt; }

  std::optional<int> expiry() {
    static const int values[] = {0, 1, 30, 3650, -1, INT_MAX, INT_MIN};
    if (coin()) return std::nullopt;
    return values[below(7)];
  }

  BasicSubjectProfile profile() {
    return {text(),    coin() ? SubjectType::User : SubjectType::ServiceKey,
            optText(), optText(),
            optText(), optText()};
  }

  ApiToken token() {
    ApiToken t;
    t.id = text();
    t.name = text();
    t.description = text();
    t.shortToken = text();
    t.token = optText();
    t.scope = coin() ? "ORGANIZATION" : text();
    t.kind = coin() ? "STANDARD" : text();
    int roles = below(4);
    for (int i = 0; i < roles; ++i) t.roles.push_back({text(), text(), text(), optText()});
    t.expiryPeriodInDays = expiry();
    t.startAt = time();
    t.endAt = optTime();
    t.lastRotatedAt = optTime();
    t.lastUsedAt = optTime();
    t.createdAt = time();
    t.updatedAt = time();
    if (coin()) t.createdBy = profile();
    if (coin()) t.updatedBy = profile();
    return t;
  }

 private:
  std::mt19937_64 rng_;
};

TEST(JsonWriter, GeneratedTokensMatchBoostSerialize) {
  Gen gen(20240601);
  for (int i = 0; i < 5000; ++i) {
    ApiToken t = gen.token();
    auto expected = json::serialize(toJson(t));
    auto actual = written(t);
    ASSERT_EQ(actual, expected) << "token #" << i;
  }
}

TEST(JsonWriter, MinimalAndFullTokensMatchBoostSerialize) {
  ApiToken empty;  // all optionals unset, empty strings, epoch timestamps
  empty.scope.clear();
  empty.kind.clear();
  EXPECT_EQ(written(empty), json::serialize(toJson(empty)));

  ApiToken full;
  full.id = "cene7isyqtcsq2k4lc7sdxnzh";
  full.name = "CI \"deploy\"\n";
  full.token = "astro_org_secret";
  full.roles = {{"ORGANIZATION", "corg", "ORGANIZATION_OWNER", std::nullopt},
                {"DEPLOYMENT", "cdep", "DEPLOYMENT_ADMIN", std::string("cdep")},
                {"DAG", "my\\dag", "DAG_VIEWER", std::string("")}};
  full.expiryPeriodInDays = 0;
  full.startAt = Timestamp{seconds{1764417600}};
  full.endAt = full.lastRotatedAt = full.lastUsedAt = full.startAt + days(3650);
  full.createdBy = BasicSubjectProfile{"u", SubjectType::User, "", "", "", ""};
  full.updatedBy = BasicSubjectProfile{"k", SubjectType::ServiceKey, {}, {}, {}, "key"};
  EXPECT_EQ(written(full), json::serialize(toJson(full)));
}

TEST(JsonWriter, AppendJsonAppendsAfterExistingText) {
  Gen gen(3);
  ApiToken t = gen.token();
  std::string out = "[";
  appendJson(out, t);
  std::string expected = "[";
  expected += json::serialize(toJson(t));
  EXPECT_EQ(out, expected);
}

TEST(JsonWriter, GeneratedPagesMatchBoostSerialize) {
  Gen gen(99);
  struct Envelope {
    int limit;
    int offset;
    std::int64_t totalCount;
  };
  const Envelope envelopes[] = {{20, 0, 0},
                                {20, 0, 1},
                                {1000, 980, 10000},
                                {0, 0, 0},
                                {INT_MAX, INT_MIN, INT64_MAX},
                                {-1, -5, -1},
                                {20, 40, INT64_MIN}};
  for (std::size_t count : {0u, 1u, 2u, 20u}) {
    for (const auto& env : envelopes) {
      Page<ApiToken> page;
      for (std::size_t i = 0; i < count; ++i) page.items.push_back(gen.token());
      page.limit = env.limit;
      page.offset = env.offset;
      page.totalCount = env.totalCount;
      for (std::string_view key : {"tokens", "", "odd \"key\"\x01"}) {
        ASSERT_EQ(tokenPageJson(page, key), json::serialize(pageToJson(page, key)))
            << count << " items, key " << key;
      }
    }
  }
}

TEST(JsonWriter, GenericPageWriterTakesTheItemWriter) {
  Page<ApiTokenRole> page;
  page.items = {{"WORKSPACE", "cws", "WORKSPACE_MEMBER", std::nullopt},
                {"DAG", "d", "DAG_VIEWER", std::string("cdep")}};
  page.totalCount = 2;
  std::string out;
  appendPageJson(out, page, "roles",
                 [](std::string& o, const ApiTokenRole& r) { appendJson(o, r); });
  EXPECT_EQ(out, json::serialize(pageToJson(page, "roles")));
}

}  // namespace
}  // namespace astro::core
