// Defect 10 of issue 8: text from the server (names, descriptions, e-mails, error messages) must
// not reach the terminal as control sequences. One test per surface where it leaves the CLI
// (table, selection list, error message, success line), and -o json / -o yaml stay exact.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "cli/prompt.h"
#include "cli/table.h"
#include "cli_test_support.h"
#include "client/terminal_text.h"
#include "core/validation/text_rules.h"

namespace astro::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Clear screen, set the window title (OSC 0 … BEL), return to column 0, backspace.
const std::string kHostile = "a\x1b[2J\x1b]0;owned\x07\rb\bc";
const std::string kHostileShown = "a^[[2J^[]0;owned^G^Mb^Hc";
// U+202E RIGHT-TO-LEFT OVERRIDE makes "exe.txt" read as "txt.exe"; U+009B is the 8-bit CSI.
const std::string kBidi = "x\u202Etxt.exe\u009B2J";
const std::string kBidiShown = "x<U+202E>txt.exe<U+009B>2J";

bool hasControl(const std::string& s) {
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
  return s.find("\u202E") != std::string::npos || s.find("\u009B") != std::string::npos;
}

class TerminalTextCommandTest : public ::testing::Test {
 protected:
  void SetUp() override { h.loggedIn(); }
  CliHarness h;
};

// ---- the helper (src/client/terminal_text.h): the documented scheme
TEST(TerminalText, PrintableTextPassesUnchanged) {
  for (const std::string s : {"", "plain ASCII ~!@#$%^&*()[]{}\\", "é ü 日本語 🚀",
                              "👨\u200D👩\u200D👧 (joiners kept)", "x\u00A0y"})
    EXPECT_EQ(client::terminalText(s), s);
}

TEST(TerminalText, C0AndDelInCaretNotation) {
  EXPECT_EQ(client::terminalText(std::string("\0", 1)), "^@");
  EXPECT_EQ(client::terminalText("\x1b[2J"), "^[[2J");
  EXPECT_EQ(client::terminalText("\x1b]0;title\x07"), "^[]0;title^G");
  EXPECT_EQ(client::terminalText("a\rb\nc\td\be"), "a^Mb^Jc^Id^He");
  EXPECT_EQ(client::terminalText("\x1c\x1f\x7f"), "^\\^_^?");
}

TEST(TerminalText, C1BidiAndInvisibleFormattingAsCodePoints) {
  EXPECT_EQ(client::terminalText("\u0080\u009B\u009F"), "<U+0080><U+009B><U+009F>");
  EXPECT_EQ(client::terminalText("\u202A\u202B\u202C\u202D\u202E"),
            "<U+202A><U+202B><U+202C><U+202D><U+202E>");
  EXPECT_EQ(client::terminalText("\u2066\u2067\u2068\u2069\u200E\u200F\u061C"),
            "<U+2066><U+2067><U+2068><U+2069><U+200E><U+200F><U+061C>");
  EXPECT_EQ(client::terminalText("\u2028\u2029\u200B\u2060\uFEFF"),
            "<U+2028><U+2029><U+200B><U+2060><U+FEFF>");
}

// Every character the server refuses in a name is shown, not only the common ones: the one
// classification (core/text/unicode.h) decides for both. The joiners stay (emoji need them).
TEST(TerminalText, EveryInvisibleFormattingCharacterTheServerRefusesIsShown) {
  EXPECT_EQ(client::terminalText("a\u00ADb"), "a<U+00AD>b");  // soft hyphen
  EXPECT_EQ(client::terminalText("\u180E\u2061\u2064\u206A\u206F\uFFF9\uFFFB"),
            "<U+180E><U+2061><U+2064><U+206A><U+206F><U+FFF9><U+FFFB>");
  EXPECT_EQ(client::terminalText("\U000E0001\U000E0041\U000E007F"),  // tags: five hex digits
            "<U+E0001><U+E0041><U+E007F>");
  for (const char* s : {"\u00AD", "\u180E", "\u2061", "\uFFF9", "\U000E0041"}) {
    EXPECT_TRUE(core::unsafeTextProblem(s, core::TextLines::Single)) << "the server refuses it";
    EXPECT_NE(client::terminalText(s), s);
  }
  EXPECT_EQ(client::terminalText("\u200C\u200D"), "\u200C\u200D");
}

TEST(TerminalText, BytesThatAreNotUtf8AsHex) {
  EXPECT_EQ(client::terminalText("a\x9b"
                              "2J"),
            "a<0x9B>2J");                                                        // a bare 8-bit CSI
  EXPECT_EQ(client::terminalText("\xC0\xAF"), "<0xC0><0xAF>");                      // overlong '/'
  EXPECT_EQ(client::terminalText("\xED\xA0\x80"), "<0xED><0xA0><0x80>");            // a surrogate
  EXPECT_EQ(client::terminalText("\xF4\x90\x80\x80"), "<0xF4><0x90><0x80><0x80>");  // > U+10FFFF
  EXPECT_EQ(client::terminalText("\xE2\x80"), "<0xE2><0x80>");                      // cut short
}

TEST(TerminalText, ShowingTwiceChangesNothing) {
  for (const std::string& s : {kHostile, kBidi, std::string("\xff\xfe\x1b")}) {
    const std::string once = client::terminalText(s);
    EXPECT_EQ(client::terminalText(once), once);
    EXPECT_FALSE(hasControl(once)) << once;
  }
}

TEST(TerminalText, TerminalLinesKeepsOnlyLineFeeds) {
  EXPECT_EQ(client::terminalLines("first\n\nsecond\r\x1b[2J"), "first\n\nsecond^M^[[2J");
  EXPECT_EQ(client::terminalText("first\nsecond"), "first^Jsecond");
}

// ---- table cells
TEST(TerminalTextTable, ControlCharactersInCellsAreShownAndWidthsCountTheShownText) {
  cli::Table t;
  t.headers = {"NAME", "ID"};
  t.addRow({kHostile, "1"});
  t.addRow({kBidi, "2"});
  const std::size_t w = std::max(kHostileShown.size(), kBidiShown.size()) + 5;
  auto pad = [&](const std::string& s) { return s + std::string(w - s.size(), ' '); };
  EXPECT_EQ(cli::renderTable(t, false), " " + pad("NAME") + "ID     \n" + " " + pad(kHostileShown) +
                                            "1      \n" + " " + pad(kBidiShown) + "2      \n");
}

TEST_F(TerminalTextCommandTest, TokenListTableShowsControlCharactersAndStaysAligned) {
  h.api.tokens[0].name = kHostile;
  h.api.tokens[1].description = kBidi;
  auto r = h.run({"organization", "token", "list"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(hasControl(r.out)) << r.out;
  EXPECT_THAT(r.out, HasSubstr(kHostileShown));
  EXPECT_THAT(r.out, HasSubstr(kBidiShown));
  // Every line is as long as the header line: the widths measured the shown text.
  std::istringstream lines(r.out);
  std::string header, line;
  std::getline(lines, header);
  while (std::getline(lines, line)) EXPECT_EQ(cli::codePoints(line), cli::codePoints(header));
}

// ---- selection lists (prompt.cpp)
TEST(TerminalTextSelection, RowsAndTitleShowControlCharacters) {
  std::istringstream in("1\n");
  std::ostringstream out, err;
  cli::Environment env(in, out, err);
  cli::Selection s;
  s.title = "Please select a team:";
  s.table.headers = {"NAME"};
  s.table.addRow({kHostile});
  s.invalidMessage = "invalid";
  s.noInput = [] { return core::Error::notFound("no input"); };
  auto r = cli::selectRow(env, s);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(hasControl(out.str())) << out.str();
  EXPECT_THAT(out.str(), HasSubstr(" 1     " + kHostileShown));
}

TEST_F(TerminalTextCommandTest, TeamDeleteSelectionListShowsControlCharacters) {
  h.api.teams.push_back(h.api.team("team1", kHostile, "ORGANIZATION_MEMBER"));
  auto r = h.run({"organization", "team", "delete"}, "1\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(hasControl(r.out)) << r.out;
  EXPECT_THAT(r.out, HasSubstr(kHostileShown));
}

// ---- error messages from the server
TEST_F(TerminalTextCommandTest, ServerErrorMessageShowsControlCharacters) {
  // A JSON message with ESC sequences and a CR LF that would fake a second line.
  h.api.failures["GET /v1/organizations/test-org-id/tokens"] = {
      400, R"({"message":"bad \u001b[2J\u001b]0;owned\u0007 name\r\nSuccessfully done \u202E"})"};
  auto r = h.run({"organization", "token", "list"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "Error: bad ^[[2J^[]0;owned^G name^M^JSuccessfully done <U+202E>\n");
}

TEST_F(TerminalTextCommandTest, NoAnswerErrorShowsControlCharactersInCandidateNames) {
  h.api.teams.push_back(h.api.team("team1", kHostile, "ORGANIZATION_MEMBER"));
  auto r = h.run({"organization", "team", "delete"});  // stdin closed: the error lists candidates
  EXPECT_EQ(r.code, 3);
  EXPECT_FALSE(hasControl(r.err)) << r.err;
  EXPECT_THAT(r.err, HasSubstr("\"" + kHostileShown + "\" (team1)"));
}

// ---- success lines that embed server-provided names
TEST_F(TerminalTextCommandTest, SuccessLineShowsControlCharactersInTheName) {
  h.api.teams.push_back(h.api.team("team1", kHostile, "ORGANIZATION_MEMBER"));
  auto r = h.run({"organization", "team", "delete", "team1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Astro Team " + kHostileShown + " was successfully deleted\n");
}

TEST_F(TerminalTextCommandTest, TokenDeleteConfirmAndSuccessLineShowTheName) {
  h.api.tokens[0].name = kBidi;
  auto r = h.run({"organization", "token", "delete", "token1"}, "y\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(hasControl(r.out)) << r.out;
  EXPECT_THAT(r.out, HasSubstr("Astro Organization API token " + kBidiShown +
                               " was successfully deleted\n"));
}

TEST_F(TerminalTextCommandTest, LoginLineShowsControlCharactersInTheOrganizationName) {
  h.api.orgs[0].name = kHostile;
  auto r = h.run({"login", "localhost", "-t", "astro_org_x"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(hasControl(r.out)) << r.out;
  EXPECT_THAT(r.out, HasSubstr(kHostileShown));
}

// ---- structured output stays exact
TEST_F(TerminalTextCommandTest, JsonAndYamlKeepTheExactText) {
  h.api.tokens[0].name = kHostile;
  h.api.tokens[1].name = kBidi;
  auto j = h.run({"organization", "token", "list", "-o", "json"});
  ASSERT_EQ(j.code, 0) << j.err;
  auto v = json::parse(j.out);
  EXPECT_EQ(v.at("tokens").at(0).at("name").as_string(), kHostile);
  EXPECT_EQ(v.at("tokens").at(1).at("name").as_string(), kBidi);
  EXPECT_THAT(j.out, Not(HasSubstr("^[")));

  auto y = h.run({"organization", "token", "list", "-o", "yaml"});
  ASSERT_EQ(y.code, 0) << y.err;
  EXPECT_THAT(y.out, Not(HasSubstr("\x1b")));  // the YAML emitter escapes it
  EXPECT_THAT(y.out, Not(HasSubstr("^[")));
}

}  // namespace
}  // namespace astro::testing
