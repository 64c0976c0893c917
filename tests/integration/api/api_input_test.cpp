// Request bodies a hostile client sends (issue 8, defect 7): duplicate JSON keys, text that fakes
// what a table shows, values too big to echo, and bodies in a charset other than UTF-8. Each is a
// clear 4xx that changes nothing and echoes nothing unbounded.
#include <boost/json.hpp>

#include "api_expect.h"
#include "api_test_fixture.h"
#include "core/ids.h"

namespace astro::test {
namespace json = boost::json;

namespace {

// The message of the field error for `field` in a 400 ("" when there is none).
std::string fieldMessage(const HttpResult& r, std::string_view field) {
  if (r.status != 400) return "<status " + std::to_string(r.status) + ">";
  auto body = r.json().as_object();
  if (!body.contains("fieldErrors")) return "<no fieldErrors>";
  for (const auto& f : body.at("fieldErrors").as_array())
    if (f.as_object().at("field").as_string() == field) return str(f.as_object().at("message"));
  return "<no field error for " + std::string(field) + ">";
}

std::string fieldCode(const HttpResult& r, std::string_view field) {
  if (r.status != 400) return "<status " + std::to_string(r.status) + ">";
  const auto body = r.json();  // kept: the loop below reads into it
  for (const auto& f : body.as_object().at("fieldErrors").as_array())
    if (f.as_object().at("field").as_string() == field) return str(f.as_object().at("code"));
  return "<none>";
}

}  // namespace

class ApiInputTest : public ApiTest {
 protected:
  // Room for the megabyte values below (the transport's own limit answers 413 before them).
  void adjust(server::ServerSettings& s) override { s.maxBodyBytes = 4 << 20; }
  HttpResult postRaw(const std::string& path, std::string_view body,
                     std::string_view contentType = "application/json") {
    return call("POST", path, body, ownerToken, {{"Content-Type", std::string(contentType)}});
  }
  std::int64_t tokenCount() {
    auto r = get(tokensPath());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("totalCount").as_int64();
  }
  // The NDJSON audit export as text.
  std::string auditText() {
    auto r = get(orgPath("/audit-logs"));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.body;
  }
};

TEST_F(ApiInputTest, DuplicateJsonKeysAre400NamingTheFieldAndChangeNothing) {
  const auto before = tokenCount();
  auto r =
      postRaw(tokensPath(), R"({"name":"shown","role":"ORGANIZATION_OWNER","scope":"ORGANIZATION",)"
                            R"("name":"stored"})");
  expectFieldError(r, "name");
  EXPECT_EQ(fieldCode(r, "name"), "duplicate_field");
  EXPECT_EQ(tokenCount(), before);

  auto id = str(createToken("ci").at("id"));
  r = postRaw(tokensPath() + "/" + id + "/roles",
              R"({"roles":[{"entityType":"ORGANIZATION","entityId":")" + orgId +
                  R"(","role":"ORGANIZATION_MEMBER","entityType":"WORKSPACE"}]})");
  expectFieldError(r, "roles[0].entityType");
  EXPECT_EQ(fieldCode(r, "roles[0].entityType"), "duplicate_field");

  expectFieldError(postRaw(orgPath("/teams"), R"({"name":"A","description":"x","name":"B"})"),
                   "name");
  expectFieldError(postRaw(orgPath("/workspaces"), R"({"name":"A","name":"A"})"), "name");
}

TEST_F(ApiInputTest, BidiControlAndInvisibleCharactersInNamesAndDescriptionsAre400) {
  const std::string rlo = "\u202E";
  struct Case {
    std::string path;
    json::object body;
    std::string field;
  };
  std::vector<Case> cases = {
      {tokensPath(),
       {{"name", "build" + rlo + "txt.exe"},
        {"role", "ORGANIZATION_MEMBER"},
        {"scope", "ORGANIZATION"}},
       "name"},
      {tokensPath(),
       {{"name", "ok"},
        {"description", "a\u200Bb"},
        {"role", "ORGANIZATION_MEMBER"},
        {"scope", "ORGANIZATION"}},
       "description"},
      {tokensPath(),
       {{"name", "c1\u0085"}, {"role", "ORGANIZATION_MEMBER"}, {"scope", "ORGANIZATION"}},
       "name"},
      {orgPath("/teams"), {{"name", "Data" + rlo}}, "name"},
      {orgPath("/teams"), {{"name", "Data"}, {"description", "x\u2028y"}}, "description"},
      {orgPath("/workspaces"), {{"name", "Prod\u2067"}}, "name"},
      {orgPath("/workspaces"), {{"name", "Prod"}, {"description", "\uFEFFx"}}, "description"},
      {orgPath("/invites"),
       {{"inviteeEmail", "ev" + rlo + "il@example.com"}, {"role", "ORGANIZATION_MEMBER"}},
       "inviteeEmail"},
  };
  for (const auto& c : cases) {
    auto r = post(c.path, c.body);
    expectFieldError(r, c.field);
    EXPECT_NE(fieldMessage(r, c.field).find("U+"), std::string::npos) << c.path << " " << r.body;
  }
  auto r = post(tokensPath(), json::object{{"name", "build" + rlo + "txt.exe"},
                                           {"role", "ORGANIZATION_MEMBER"},
                                           {"scope", "ORGANIZATION"}});
  EXPECT_EQ(fieldMessage(r, "name"),
            "name must not contain bidirectional formatting characters (U+202E at byte 5)");
  // Updates go through the same rules.
  auto id = str(createToken("ci").at("id"));
  expectFieldError(post(tokensPath() + "/" + id, json::object{{"name", "x\u2066"}}), "name");
  auto team = createTeam("Data");
  expectFieldError(post(orgPath("/teams/" + team), json::object{{"name", "x\u200F"}}), "name");
  // Multi-line descriptions stay allowed.
  r = post(orgPath("/teams"), json::object{{"name", "Ops"}, {"description", "line 1\n\tline 2"}});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(ApiInputTest, AHugeMemberIdIsShapeCheckedNotEchoedIntoTheErrorOrTheAuditLog) {
  const std::string huge(1 << 20, 'u');
  auto r =
      post(orgPath("/teams"), json::object{{"name", "Data"}, {"memberIds", json::array{huge}}});
  expectFieldError(r, "memberIds[0]");
  EXPECT_LT(r.body.size(), 2048u) << r.body.substr(0, 300);
  EXPECT_EQ(r.body.find("uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu"),
            std::string::npos);

  auto team = createTeam("Ops");
  r = post(orgPath("/teams/" + team + "/members"), json::object{{"memberIds", json::array{huge}}});
  expectFieldError(r, "memberIds[0]");
  EXPECT_LT(r.body.size(), 2048u);

  // A well-shaped ID that is not a member is still named.
  const std::string stranger = "c" + std::string(24, '7');
  r = post(orgPath("/teams/" + team + "/members"), json::object{{"memberIds", {stranger}}});
  EXPECT_NE(fieldMessage(r, "memberIds[0]").find(stranger), std::string::npos) << r.body;

  // The refused attempts are audited, but no audit line carries the megabyte.
  auto text = auditText();
  EXPECT_NE(text.find("team.addMembers"), std::string::npos);
  std::size_t longest = 0, start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    longest = std::max(longest, nl - start);
  EXPECT_LT(longest, 16u * 1024) << "an audit record of " << longest << " bytes";
}

TEST_F(ApiInputTest, AHugeTeamNameOrUnknownFieldIsNotEchoedAndItsAuditRowIsCapped) {
  const std::string huge(1 << 20, 'n');
  auto r = post(orgPath("/teams"), json::object{{"name", huge}});
  expectFieldError(r, "name");
  EXPECT_LT(r.body.size(), 2048u);
  r = post(orgPath("/teams"), json::object{{"name", "x"}, {huge, 1}});
  EXPECT_EQ(r.status, 400);
  EXPECT_LT(r.body.size(), 2048u);
  auto text = auditText();
  EXPECT_NE(text.find("team.create"), std::string::npos);
  EXPECT_LT(text.size(), 64u * 1024);
}

TEST_F(ApiInputTest, OnlyUtf8JsonIsAccepted) {
  const std::string body = R"({"name":"T","role":"ORGANIZATION_MEMBER","scope":"ORGANIZATION"})";
  for (std::string_view type :
       {"application/json", "application/json; charset=utf-8", "Application/JSON;Charset=UTF-8",
        "application/json;charset=\"utf-8\"", "application/json ; charset = utf-8"}) {
    auto r = postRaw(tokensPath(), body, type);
    EXPECT_EQ(r.status, 200) << type << ": " << r.body;
  }
  const auto before = tokenCount();
  for (std::string_view type :
       {"application/json; charset=utf-16", "application/json; charset=UTF-16LE",
        "application/json; charset=latin1", "application/json; charset=\"utf-16\"",
        "application/json; charset=", "application/json; charset", "text/plain",
        "application/json; charset=utf-8; charset=utf-16"}) {
    auto r = postRaw(tokensPath(), body, type);
    expectApiError(r, 415);
    EXPECT_NE(r.json().at("message").as_string().find("UTF-8"), std::string::npos)
        << type << ": " << r.body;
  }
  EXPECT_EQ(tokenCount(), before);
}

}  // namespace astro::test
