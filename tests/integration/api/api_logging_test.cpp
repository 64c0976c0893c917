// The request log line: method, route template, status, duration, request id, remote; never a
// header value, a body or the raw query.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api_test_fixture.h"
#include "server/logging/logging.h"

namespace astro::test {

TEST_F(ApiTest, EachRequestLogsOneStructuredLineWithTheRouteTemplate) {
  server::logging::init(server::logging::Level::Info);
  testing::internal::CaptureStderr();
  {
    TestConnection c(port);
    Headers h{{"Authorization", "Bearer " + ownerToken},
              {"X-Request-Id", "log-check-1"},
              {"User-Agent", "secret-agent"}};
    auto r = c.request("GET", tokensPath() + "/" + ownerTokenId + "?", {}, h);
    EXPECT_EQ(r.status, 200);
    h[1].second = "log-check-2";
    r = c.request("GET", tokensPath() + "?limit=7&offset=0", {}, h);
    EXPECT_EQ(r.status, 200);
    // A later request on the same connection is read only after the previous line was logged.
    c.request("GET", "/healthz");
  }
  auto err = testing::internal::GetCapturedStderr();
  server::logging::setLevel(server::logging::Level::Warn);

  EXPECT_NE(err.find("request method=GET path=/v1/organizations/{org}/tokens/{id} status=200 "
                     "duration_ms="),
            std::string::npos)
      << err;
  EXPECT_NE(err.find(" request_id=log-check-1 remote=127.0.0.1"), std::string::npos) << err;
  EXPECT_NE(err.find("request method=GET path=/v1/organizations/{org}/tokens status=200"),
            std::string::npos)
      << err;
  EXPECT_EQ(err.find(ownerToken), std::string::npos);
  EXPECT_EQ(err.find(orgId), std::string::npos);
  EXPECT_EQ(err.find("limit=7"), std::string::npos);
  EXPECT_EQ(err.find("secret-agent"), std::string::npos);
}

}  // namespace astro::test

namespace astro::test {

TEST_F(ApiTest, JsonLogLinesAreOneObjectEachWithTheSameFields) {
  server::logging::init(server::logging::Level::Info, server::logging::Format::Json);
  testing::internal::CaptureStderr();
  {
    TestConnection c(port);
    auto r = c.request("GET", tokensPath() + "/" + ownerTokenId + "?x=1", {},
                       {{"Authorization", "Bearer " + ownerToken}, {"X-Request-Id", "json-1"}});
    EXPECT_EQ(r.status, 400);
    c.request("GET", "/healthz");
  }
  server::logging::info("a \"quoted\"\nmessage");
  auto err = testing::internal::GetCapturedStderr();
  server::logging::init(server::logging::Level::Warn);

  std::size_t lines = 0;
  bool sawRequest = false, sawMessage = false;
  for (std::size_t pos = 0, next; pos < err.size(); pos = next + 1) {
    next = err.find('\n', pos);
    if (next == std::string::npos) next = err.size();
    const auto line = err.substr(pos, next - pos);
    if (line.empty()) continue;
    ++lines;
    auto v = boost::json::parse(line);  // throws (fails the test) when not one JSON object
    auto& o = v.as_object();
    EXPECT_TRUE(o.at("time").is_string());
    EXPECT_TRUE(o.at("level").is_string());
    if (str(o.at("msg")) == "request" && str(o.at("request_id")) == "json-1") {
      sawRequest = true;
      EXPECT_EQ(str(o.at("method")), "GET");
      EXPECT_EQ(str(o.at("path")), "/v1/organizations/{org}/tokens/{id}");
      EXPECT_EQ(o.at("status").as_int64(), 400);
      EXPECT_EQ(str(o.at("remote")), "127.0.0.1");
      EXPECT_TRUE(o.at("duration_ms").is_number());
    }
    if (str(o.at("msg")) == "a \"quoted\"\nmessage") sawMessage = true;
  }
  EXPECT_GE(lines, 2u);  // the request and the message (the last request may log later)
  EXPECT_TRUE(sawRequest) << err;
  EXPECT_TRUE(sawMessage) << err;
  EXPECT_EQ(err.find(ownerToken), std::string::npos);
}

}  // namespace astro::test
