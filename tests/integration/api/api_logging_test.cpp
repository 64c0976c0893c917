// The request log line: method, route template, status, duration, request id, remote; never a
// header value, a body or the raw query.
#include <gtest/gtest.h>

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
