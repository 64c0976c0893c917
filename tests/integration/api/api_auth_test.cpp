// Authentication on /v1: every 401 says why, with the exact messages of docs/design-notes.md.
#include <boost/json.hpp>

#include "api_test_fixture.h"
#include "core/tokens/token_codec.h"

namespace astro::test {

namespace {
std::string message(const HttpResult& r) {
  return std::string(r.json().as_object().at("message").as_string());
}
}  // namespace

TEST_F(ApiTest, MissingTokenIs401) {
  auto r = call("GET", "/v1/organizations");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(message(r), "missing API token: send the header 'Authorization: Bearer <token>'");
  EXPECT_EQ(r.json().as_object().at("statusCode").as_int64(), 401);
}

TEST_F(ApiTest, MalformedTokenIs401) {
  auto r = get("/v1/organizations", std::string("not-a-token"));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(message(r), "API token is invalid or malformed");
  // A checksum that does not match is malformed too.
  std::string tampered = ownerToken;
  tampered.back() = tampered.back() == 'a' ? 'b' : 'a';
  r = get("/v1/organizations", tampered);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(message(r), "API token is invalid or malformed");
}

TEST_F(ApiTest, UnknownTokenIs401) {
  auto value =
      core::generateTokenValue(core::TokenScopeTag::Organization, "", service::osRandomBytes());
  auto r = get("/v1/organizations", value);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(message(r), "API token is invalid");
}

TEST_F(ApiTest, ExpiredTokenIs401) {
  auto created = createToken("short-lived", "ORGANIZATION_OWNER", 1);
  auto value = std::string(created.at("token").as_string());
  EXPECT_EQ(get("/v1/organizations", value).status, 200);
  clock->advance(std::chrono::hours(24 * 2));
  auto r = get("/v1/organizations", value);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(message(r), "API token has expired");
}

TEST_F(ApiTest, BareTokenWithoutBearerIsAccepted) {
  TestConnection c(port);
  auto r = c.request("GET", "/v1/organizations", {}, {{"Authorization", ownerToken}});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(ApiTest, HealthAndReadinessNeedNoToken) {
  auto r = call("GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  EXPECT_EQ(r.json(), boost::json::parse(R"({"status":"ok"})"));
  r = call("GET", "/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json(), boost::json::parse(R"({"status":"ok"})"));
}

}  // namespace astro::test
