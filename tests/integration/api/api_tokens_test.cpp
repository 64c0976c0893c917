// Token endpoints: success shapes and statuses, request-body rules, permissions, isolation.
#include <boost/json.hpp>

#include "api_test_fixture.h"
#include "core/ids.h"
#include "core/time_format.h"

namespace astro::test {
namespace json = boost::json;

namespace {
void expectTime(const json::object& o, std::string_view key) {
  ASSERT_TRUE(o.contains(key)) << key;
  ASSERT_TRUE(o.at(key).is_string()) << key;
  auto s = std::string(o.at(key).as_string());
  EXPECT_TRUE(core::parseRfc3339(s).has_value()) << key << "=" << s;
  EXPECT_EQ(s.size(), 20u) << "YYYY-MM-DDTHH:MM:SSZ: " << s;
  EXPECT_EQ(s.back(), 'Z');
}

// ApiToken per reference §8.
void expectApiTokenShape(const json::object& t, bool withValue) {
  for (auto key : {"id", "name", "description", "shortToken", "scope", "kind"}) {
    ASSERT_TRUE(t.contains(key)) << key;
    EXPECT_TRUE(t.at(key).is_string()) << key;
  }
  EXPECT_TRUE(core::isCuid(std::string(t.at("id").as_string())));
  EXPECT_EQ(str(t.at("scope")), "ORGANIZATION");
  ASSERT_TRUE(t.contains("roles"));
  ASSERT_TRUE(t.at("roles").is_array());
  for (const auto& r : t.at("roles").as_array()) {
    EXPECT_TRUE(r.as_object().at("entityType").is_string());
    EXPECT_TRUE(r.as_object().at("entityId").is_string());
    EXPECT_TRUE(r.as_object().at("role").is_string());
  }
  expectTime(t, "startAt");
  expectTime(t, "createdAt");
  expectTime(t, "updatedAt");
  EXPECT_EQ(t.contains("token"), withValue);
  if (withValue) {
    EXPECT_TRUE(t.at("token").is_string());
  }
}

void expectError(const HttpResult& r, int status, std::string_view message = {}) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  auto body = r.json().as_object();
  EXPECT_EQ(body.at("statusCode").as_int64(), status);
  EXPECT_TRUE(body.at("message").is_string());
  EXPECT_EQ(body.at("requestId").as_string(), r.header("X-Request-Id"));
  if (!message.empty()) {
    EXPECT_EQ(body.at("message").as_string(), message);
  }
}

std::string firstFieldError(const HttpResult& r, std::string_view what) {
  auto body = r.json().as_object();
  if (!body.contains("fieldErrors")) return "";
  auto& f = body.at("fieldErrors").as_array().at(0).as_object();
  return std::string(f.at(what).as_string());
}
}  // namespace

TEST_F(ApiTest, ListTokensReturnsThePaginatedEnvelope) {
  auto r = get(tokensPath());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  auto body = r.json().as_object();
  EXPECT_EQ(body.at("limit").as_int64(), 20);
  EXPECT_EQ(body.at("offset").as_int64(), 0);
  EXPECT_EQ(body.at("totalCount").as_int64(), 1);
  ASSERT_EQ(body.at("tokens").as_array().size(), 1u);
  auto& t = body.at("tokens").as_array()[0].as_object();
  expectApiTokenShape(t, false);
  EXPECT_EQ(str(t.at("id")), ownerTokenId);
  EXPECT_EQ(str(t.at("name")), "Initial owner token");
}

TEST_F(ApiTest, ListTokensHonoursTheQueryParameters) {
  createToken("zz b");
  createToken("zz a");
  auto r = get(
      tokensPath() +
      "?includeOnlyOrganizationTokens=true&limit=2&offset=0&sorts=name%3Aasc&sorts=createdAt:desc");
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json().as_object();
  EXPECT_EQ(body.at("limit").as_int64(), 2);
  EXPECT_EQ(body.at("totalCount").as_int64(), 3);
  auto& tokens = body.at("tokens").as_array();
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(str(tokens[0].as_object().at("name")), "Initial owner token");
  EXPECT_EQ(str(tokens[1].as_object().at("name")), "zz a");

  r = get(tokensPath() + "?offset=2&limit=2");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().as_object().at("tokens").as_array().size(), 1u);
  EXPECT_EQ(r.json().as_object().at("offset").as_int64(), 2);
}

TEST_F(ApiTest, ListTokensRejectsBadQueryParameters) {
  auto r = get(tokensPath() + "?colour=blue");
  expectError(r, 400);
  EXPECT_EQ(firstFieldError(r, "field"), "colour");
  expectError(get(tokensPath() + "?offset=abc"), 400);
  expectError(get(tokensPath() + "?limit=10x"), 400);
  expectError(get(tokensPath() + "?limit="), 400);
  expectError(get(tokensPath() + "?includeOnlyOrganizationTokens=yes"), 400);
  expectError(get(tokensPath() + "?sorts=name"), 400);
  expectError(get(tokensPath() + "?sorts=name:up"), 400);
  expectError(get(tokensPath() + "?sorts=colour:asc"), 400);  // unknown sort field: service
  expectError(get(tokensPath() + "?limit=0"), 400);
  expectError(get(tokensPath() + "?limit=1001"), 400);
}

TEST_F(ApiTest, CreateReturnsTheTokenWithItsValueOnce) {
  auto created = createToken("ci", "ORGANIZATION_MEMBER", 30);
  expectApiTokenShape(created, true);
  EXPECT_EQ(str(created.at("name")), "ci");
  EXPECT_EQ(str(created.at("kind")), "STANDARD");
  EXPECT_EQ(created.at("expiryPeriodInDays").as_int64(), 30);
  expectTime(created, "endAt");
  auto& roles = created.at("roles").as_array();
  ASSERT_EQ(roles.size(), 1u);
  EXPECT_EQ(str(roles[0].as_object().at("entityType")), "ORGANIZATION");
  EXPECT_EQ(str(roles[0].as_object().at("entityId")), orgId);
  EXPECT_EQ(str(roles[0].as_object().at("role")), "ORGANIZATION_MEMBER");
  ASSERT_TRUE(created.at("createdBy").is_object());
  EXPECT_TRUE(created.at("createdBy").as_object().at("id").is_string());

  auto id = std::string(created.at("id").as_string());
  auto r = get(tokensPath() + "/" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  expectApiTokenShape(r.json().as_object(), false);
  EXPECT_EQ(str(r.json().as_object().at("name")), "ci");
}

TEST_F(ApiTest, CreateValidatesInput) {
  auto r =
      post(tokensPath(),
           json::object{{"name", "x"}, {"role", "ORGANIZATION_OWNER"}, {"scope", "WORKSPACE"}});
  expectError(r, 400);
  r = post(tokensPath(),
           json::object{{"name", "x"}, {"role", "NOT_A_ROLE"}, {"scope", "ORGANIZATION"}});
  expectError(r, 400);
  r = post(tokensPath(), json::object{{"name", "x"},
                                      {"role", "ORGANIZATION_OWNER"},
                                      {"scope", "ORGANIZATION"},
                                      {"tokenExpiryPeriodInDays", 0}});
  expectError(r, 400);
}

TEST_F(ApiTest, MalformedJsonIs400) {
  auto r = call("POST", tokensPath(), R"({"name": "x",)", ownerToken);
  expectError(r, 400);
  auto message = std::string(r.json().as_object().at("message").as_string());
  EXPECT_EQ(message.rfind("Malformed JSON in request body", 0), 0u) << message;
}

TEST_F(ApiTest, WrongTypesAndUnknownFieldsAre400WithFieldErrors) {
  auto r =
      post(tokensPath(),
           json::object{{"name", 5}, {"role", "ORGANIZATION_OWNER"}, {"scope", "ORGANIZATION"}});
  expectError(r, 400, "Invalid request body");
  EXPECT_EQ(firstFieldError(r, "field"), "name");
  EXPECT_EQ(firstFieldError(r, "code"), "invalid_type");
  auto fe = r.json().as_object().at("fieldErrors").as_array()[0].as_object();
  EXPECT_TRUE(fe.at("message").is_string());

  r = post(tokensPath(), json::object{{"name", "x"},
                                      {"role", "ORGANIZATION_OWNER"},
                                      {"scope", "ORGANIZATION"},
                                      {"colour", "blue"}});
  expectError(r, 400, "Invalid request body");
  EXPECT_EQ(firstFieldError(r, "field"), "colour");
  EXPECT_EQ(firstFieldError(r, "code"), "unknown_field");

  r = call("POST", tokensPath(), "[1,2]", ownerToken);
  expectError(r, 400, "Invalid request body");
}

TEST_F(ApiTest, NonJsonContentTypeIs415AndCharsetIsFine) {
  std::string body = R"({"name":"x","role":"ORGANIZATION_OWNER","scope":"ORGANIZATION"})";
  TestConnection c(port);
  auto r = c.request("POST", tokensPath(), body,
                     {{"Authorization", "Bearer " + ownerToken}, {"Content-Type", "text/plain"}});
  expectError(r, 415);
  r = c.request("POST", tokensPath(), body, {{"Authorization", "Bearer " + ownerToken}});
  expectError(r, 415);
  r = c.request("POST", tokensPath(), body,
                {{"Authorization", "Bearer " + ownerToken},
                 {"Content-Type", "Application/JSON; charset=utf-8"}});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(ApiTest, UpdateChangesNameAndDescription) {
  auto id = std::string(createToken("old").at("id").as_string());
  auto r = post(tokensPath() + "/" + id, json::object{{"name", "new"}, {"description", "d"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto t = r.json().as_object();
  expectApiTokenShape(t, false);
  EXPECT_EQ(str(t.at("name")), "new");
  EXPECT_EQ(str(t.at("description")), "d");
  expectError(post(tokensPath() + "/" + id, json::object{{"description", "no name"}}), 400);
}

TEST_F(ApiTest, UpdateRolesReturnsSubjectRoles) {
  auto id = std::string(createToken("r").at("id").as_string());
  json::object body{{"roles", json::array{json::object{{"entityType", "ORGANIZATION"},
                                                       {"entityId", orgId},
                                                       {"role", "ORGANIZATION_MEMBER"}}}}};
  auto r = post(tokensPath() + "/" + id + "/roles", body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(r.json().as_object().at("organizationRole")), "ORGANIZATION_MEMBER");
  auto t = get(tokensPath() + "/" + id).json().as_object();
  EXPECT_EQ(str(t.at("roles").as_array()[0].as_object().at("role")), "ORGANIZATION_MEMBER");
}

TEST_F(ApiTest, RotateIssuesANewValueAndRejectsTheOldOne) {
  auto created = createToken("rot");
  auto id = std::string(created.at("id").as_string());
  auto oldValue = std::string(created.at("token").as_string());

  auto r = call("POST", tokensPath() + "/" + id + "/rotate", {}, ownerToken);
  ASSERT_EQ(r.status, 200) << r.body;
  auto rotated = r.json().as_object();
  expectApiTokenShape(rotated, true);
  expectTime(rotated, "lastRotatedAt");
  auto newValue = std::string(rotated.at("token").as_string());
  EXPECT_NE(newValue, oldValue);

  expectError(get(tokensPath(), oldValue), 401,
              "API token has been rotated; use the new token value");
  EXPECT_EQ(get(tokensPath(), newValue).status, 200);

  // An empty JSON object is accepted too; anything in it is not.
  EXPECT_EQ(post(tokensPath() + "/" + id + "/rotate", json::object{}).status, 200);
  auto bad = post(tokensPath() + "/" + id + "/rotate", json::object{{"name", "x"}});
  expectError(bad, 400);
  EXPECT_EQ(firstFieldError(bad, "code"), "unknown_field");
}

TEST_F(ApiTest, DeleteIs204WithoutABodyAndTheTokenIsGone) {
  auto created = createToken("gone");
  auto id = std::string(created.at("id").as_string());
  auto value = std::string(created.at("token").as_string());
  auto r = del(tokensPath() + "/" + id);
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
  EXPECT_FALSE(r.has("Content-Type"));
  EXPECT_FALSE(r.header("X-Request-Id").empty());
  expectError(get(tokensPath() + "/" + id), 404, "API token not found");
  expectError(del(tokensPath() + "/" + id), 404, "API token not found");
  expectError(get(tokensPath(), value), 401, "API token has been deleted");
}

TEST_F(ApiTest, MemberTokenIsForbiddenOnTokenEndpoints) {
  auto member = std::string(createToken("member", "ORGANIZATION_MEMBER").at("token").as_string());
  auto r = get(tokensPath(), member);
  expectError(r, 403);
  auto message = std::string(r.json().as_object().at("message").as_string());
  EXPECT_EQ(message,
            "permission denied: ORGANIZATION_MEMBER cannot manage organization API tokens");
  expectError(get(tokensPath() + "/" + ownerTokenId, member), 403);
  expectError(
      post(tokensPath(),
           json::object{{"name", "x"}, {"role", "ORGANIZATION_MEMBER"}, {"scope", "ORGANIZATION"}},
           member),
      403);
  expectError(call("POST", tokensPath() + "/" + ownerTokenId + "/rotate", {}, member), 403);
  expectError(del(tokensPath() + "/" + ownerTokenId, member), 403);
  // A member still sees its organization.
  EXPECT_EQ(get("/v1/organizations/" + orgId, member).status, 200);
}

TEST_F(ApiTest, AnotherOrganizationsTokenGets404) {
  auto other = addSecondOrganization();
  expectError(get(tokensPath() + "/" + ownerTokenId, other.token), 404);
  expectError(get(tokensPath(), other.token), 404);
  expectError(del(tokensPath() + "/" + ownerTokenId, other.token), 404);
  // ... while it works in its own organization.
  EXPECT_EQ(get("/v1/organizations/" + other.orgId + "/tokens", other.token).status, 200);
  // And the first org's owner cannot see the second org either.
  expectError(get("/v1/organizations/" + other.orgId), 404, "organization not found");
}

}  // namespace astro::test
