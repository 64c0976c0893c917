// Tables (reference §1.4), the numbered selection and Confirm (§1.3), structured output.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <boost/json.hpp>
#include <sstream>

#include "cli/output.h"
#include "cli/prompt.h"
#include "cli/table.h"

namespace astro::cli {
namespace {

using ::testing::HasSubstr;

TEST(Table, WidthIsLongestCellInBytesPlusFiveWithOneLeadingSpace) {
  Table t;
  t.headers = {"NAME", "ID"};
  t.addRow({"a-longer-name", "1"});
  t.addRow({"b", "12345678"});
  EXPECT_EQ(renderTable(t, false),
            " NAME              ID           \n"
            " a-longer-name     1            \n"
            " b                 12345678     \n");
}

TEST(Table, EmptyTablePrintsTheHeaderOnly) {
  Table t;
  t.headers = {"ID", "NAME"};
  EXPECT_EQ(renderTable(t, false), " ID     NAME     \n");
}

TEST(Table, MultiByteCellsMeasureBytesButPadCodePoints) {
  Table t;
  t.headers = {"N", "X"};
  t.addRow({"é", "x"});  // 2 bytes, 1 code point: width 7, padded with 6 spaces
  EXPECT_EQ(renderTable(t, false), " N      X     \n é      x     \n");
}

TEST(Table, ColouredRowsOnlyWhenColourIsOn) {
  Table t;
  t.headers = {"NAME"};
  t.addRow({"cur"}, true);
  t.addRow({"other"});
  EXPECT_EQ(renderTable(t, true), " NAME      \n\033[1;32m cur       \033[0m\n other     \n");
  EXPECT_EQ(renderTable(t, false), " NAME      \n cur       \n other     \n");
}

TEST(Table, FixedWidths) {
  Table t;
  t.headers = {"CONTEXT DOMAIN", "WORKSPACE"};
  t.addRow({"localhost", ""});
  EXPECT_EQ(renderFixedTable(t, {36, 36}, false),
            " CONTEXT DOMAIN" + std::string(22, ' ') + "WORKSPACE" + std::string(27, ' ') +
                "\n localhost" + std::string(27, ' ') + std::string(36, ' ') + "\n");
}

struct Io {
  explicit Io(std::string input, bool terminal = false) : in(std::move(input)), env(in, out, err) {
    env.stdinIsTerminal = terminal;
  }
  std::istringstream in;
  std::ostringstream out, err;
  Environment env;
};

TEST(Confirm, TrueOnlyForExactlyY) {
  for (auto [answer, expected] : std::vector<std::pair<std::string, bool>>{{"y\n", true},
                                                                           {"y\r\n", true},
                                                                           {"y", true},
                                                                           {"Y\n", false},
                                                                           {"yes\n", false},
                                                                           {"\n", false},
                                                                           {"", false},
                                                                           {" y\n", false}}) {
    Io io(answer);
    EXPECT_EQ(confirm(io.env, "Sure?"), expected) << answer;
    EXPECT_EQ(io.out.str(), "Sure? (y/n) ");
  }
}

TEST(Confirm, ReadsAnswersLineByLine) {
  Io io("n\ny\n");
  EXPECT_FALSE(confirm(io.env, "1"));
  EXPECT_TRUE(confirm(io.env, "2"));
}

Selection twoRows() {
  Selection s;
  s.table.headers = {"NAME"};
  s.table.addRow({"a"});
  s.table.addRow({"b"});
  s.invalidMessage = "invalid thing selection";
  s.noInput = [] { return core::Error::notFound("no input"); };
  return s;
}

TEST(Select, PipedAnswerPicksTheRow) {
  Io io("2\n");
  auto r = selectRow(io.env, twoRows());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 1u);
  EXPECT_EQ(io.out.str(), " #     NAME     \n 1     a        \n 2     b        \n\n> ");
}

TEST(Select, ExactKeysOnly) {
  for (const char* a : {"3\n", "01\n", " 1\n", "x\n"}) {
    Io io(a, true);
    auto r = selectRow(io.env, twoRows());
    ASSERT_FALSE(r.ok()) << a;
    EXPECT_EQ(r.error().message, "invalid thing selection");
  }
}

TEST(Select, ClosedStdinFailsAtOnceWithoutTheTable) {
  Io io("");
  auto r = selectRow(io.env, twoRows());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "no input");
  EXPECT_EQ(io.out.str(), "");
}

TEST(Select, TerminalEmptyAnswerIsInvalidSelection) {
  Io io("\n", true);
  auto r = selectRow(io.env, twoRows());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "invalid thing selection");
}

TEST(Output, ResolveFormat) {
  EXPECT_EQ(*resolveOutputFormat({false, "", false}), OutputFormat::Table);
  EXPECT_EQ(*resolveOutputFormat({true, "", false}), OutputFormat::Json);
  EXPECT_EQ(*resolveOutputFormat({false, "yaml", true}), OutputFormat::Yaml);
  EXPECT_EQ(*resolveOutputFormat({false, "table", true}), OutputFormat::Table);
  EXPECT_FALSE(resolveOutputFormat({true, "json", true}).ok());
  EXPECT_EQ(resolveOutputFormat({false, "template", true}).error().message,
            "invalid format \"template\" (must be table, json, or yaml)");
}

TEST(Output, GoStylePrettyJson) {
  auto v = boost::json::parse(R"({"a":[1,{"b":"<x>"}],"e":[],"o":{}})");
  EXPECT_EQ(toPrettyJson(v),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"<x>\"\n    }\n  ],\n  \"e\": [],\n  "
            "\"o\": {}\n}\n");
}

TEST(Output, YamlOfTheSameObject) {
  auto v = boost::json::parse(R"({"tokens":[{"id":"c1","n":2,"ok":true}]})");
  EXPECT_EQ(toYaml(v), "tokens:\n  - id: \"c1\"\n    n: 2\n    ok: true\n");
}

// YAML allows no raw control character but tab and line breaks (YAML 1.2 §5.1, c-printable):
// DEL, C0 and C1 controls in a value are escaped, and the document reads back as the same text.
TEST(Output, YamlEscapesEveryCharacterYamlDoesNotAllowRaw) {
  const std::string hostile = "a\x7f b\x1b[2J c\xc2\x9b d\xc2\x85 \xc3\xa9 \xf0\x9f\x9a\x80";
  boost::json::object o;
  o["name"] = hostile;
  o["plain"] = "caf\xc3\xa9";
  const std::string text = toYaml(o);
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    EXPECT_TRUE(b >= 0x20 ? b != 0x7f : b == '\n') << "raw byte " << int(b) << " in " << text;
  }
  EXPECT_EQ(text.find("\xc2\x9b"), std::string::npos);  // C1: escaped, not raw
  const YAML::Node back = YAML::Load(text);
  EXPECT_EQ(back["name"].as<std::string>(), hostile);
  EXPECT_EQ(back["plain"].as<std::string>(), "caf\xc3\xa9");
  EXPECT_NE(text.find("plain: \"caf\xc3\xa9\""), std::string::npos) << "other text stays as is";
}

}  // namespace
}  // namespace astro::cli
