// /metrics: the Prometheus text exposition of requests, latency, connections and rate limits.
#include <string>

#include "api_test_fixture.h"

namespace astro::test {
namespace {

// The value of the first sample line that starts with `series` (name and labels), or -1.
double sample(const std::string& page, const std::string& series) {
  std::size_t pos = 0;
  while ((pos = page.find(series + " ", pos)) != std::string::npos) {
    if (pos == 0 || page[pos - 1] == '\n') return std::stod(page.substr(pos + series.size() + 1));
    pos += series.size();
  }
  return -1;
}

TEST_F(ApiTest, MetricsCountRequestsByRouteAndStatus) {
  const std::string route = "/v1/organizations/{org}/tokens/{id}";
  // A request is counted before the next one on its connection is read, so /metrics, asked last
  // on the same connection, sees every request before it. The caches have one shard per CPU (at
  // most 4): of six gets, at least two are hits, whichever CPUs their workers ran on.
  TestConnection c(port);
  const Headers auth{{"Authorization", "Bearer " + ownerToken}};
  for (int i = 0; i < 6; ++i)
    ASSERT_EQ(c.request("GET", tokensPath() + "/" + ownerTokenId, {}, auth).status, 200);
  ASSERT_EQ(c.request("GET", tokensPath() + "/" + ownerTokenId).status, 401);
  ASSERT_EQ(c.request("GET", "/v1/nothing", {}, auth).status, 404);

  auto r = c.request("GET", "/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& page = r.body;
  EXPECT_NE(page.find("# TYPE astro_http_requests_total counter\n"), std::string::npos);
  EXPECT_EQ(sample(page, "astro_http_requests_total{route=\"" + route +
                             "\",method=\"GET\",status=\"200\"}"),
            6);
  EXPECT_EQ(sample(page, "astro_http_requests_total{route=\"" + route +
                             "\",method=\"GET\",status=\"401\"}"),
            1);
  EXPECT_EQ(sample(page, "astro_http_requests_total{route=\"-\",method=\"GET\",status=\"404\"}"),
            1);
  // The histogram: cumulative buckets ending in +Inf, which equals the count.
  const std::string label = "{route=\"" + route + "\"";
  EXPECT_EQ(sample(page, "astro_http_request_duration_seconds_bucket" + label + ",le=\"+Inf\"}"),
            7);
  EXPECT_EQ(sample(page, "astro_http_request_duration_seconds_count" + label + "}"), 7);
  EXPECT_GT(sample(page, "astro_http_request_duration_seconds_sum" + label + "}"), 0);
  EXPECT_GE(sample(page, "astro_http_connections_accepted_total"), 1);
  EXPECT_GE(sample(page, "astro_http_connections_open"), 1);
  EXPECT_EQ(sample(page, "astro_http_rate_limited_total{limit=\"per_address\"}"), 0);
  // The read caches: a later get of the same token is a hit.
  EXPECT_GE(sample(page, "astro_cache_lookups_total{cache=\"tokens\",result=\"hit\"}"), 2);
  EXPECT_GE(
      sample(page, "astro_cache_lookups_total{cache=\"authenticated_tokens\",result=\"hit\"}"), 2);
  // Requests at the workers: a gauge (the last get's worker may still be returning: 0 or 1).
  EXPECT_NE(page.find("# TYPE astro_http_requests_in_handlers gauge\n"), std::string::npos);
  EXPECT_GE(sample(page, "astro_http_requests_in_handlers"), 0);
  EXPECT_GE(sample(page, "astro_cache_lookups_total{cache=\"token_pages\",result=\"miss\"}"), 0);
  // The store: transactions timed by mode (the requests above read; the fixture's set-up wrote),
  // no failure.
  EXPECT_NE(page.find("# TYPE astro_store_transaction_duration_seconds histogram\n"),
            std::string::npos);
  const double reads =
      sample(page, "astro_store_transaction_duration_seconds_count{mode=\"read\"}");
  EXPECT_GE(reads, 1);
  EXPECT_EQ(sample(page, "astro_store_transaction_duration_seconds_bucket{mode=\"read\",le=\"+Inf\"}"),
            reads);
  EXPECT_GE(sample(page, "astro_store_transaction_duration_seconds_bucket{mode=\"read\",le=\"5e-05\"}"),
            0);
  EXPECT_GE(sample(page, "astro_store_transaction_duration_seconds_count{mode=\"write\"}"), 1);
  EXPECT_GT(sample(page, "astro_store_transaction_duration_seconds_sum{mode=\"write\"}"), 0);
  for (const char* kind : {"io", "busy", "unavailable"})
    EXPECT_EQ(sample(page, std::string("astro_store_failures_total{kind=\"") + kind + "\"}"), 0)
        << kind;
  // No secret and no address in the page.
  EXPECT_EQ(page.find(ownerToken), std::string::npos);
  EXPECT_EQ(page.find("127.0.0.1"), std::string::npos);
  // Needs no credential; takes no parameters; HEAD works.
  EXPECT_EQ(call("GET", "/metrics?x=1").status, 400);
  EXPECT_EQ(call("HEAD", "/metrics").status, 200);
}

}  // namespace
}  // namespace astro::test
