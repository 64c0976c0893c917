// Rate limits and the per-address connection cap: a flooding client is answered 429 (with
// Retry-After) or 503 while another client is served as usual. The other client is another
// loopback address (127.0.0.2): Linux routes all of 127.0.0.0/8 to the loopback interface.
#include <boost/json.hpp>

#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "api_test_fixture.h"
#include "server/http/rate_limiter.h"

namespace astro::test {
using namespace std::chrono_literals;

TEST(RateLimiter, AllowsTheBurstThenTheRateAndSaysWhenToRetry) {
  server::http::RateLimiter limiter({2.0, 3});
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(limiter.take("a", t0), 0u);
  EXPECT_EQ(limiter.take("a", t0), 0u);
  EXPECT_EQ(limiter.take("a", t0), 0u);
  EXPECT_EQ(limiter.take("a", t0), 1u);  // empty: one request back in 0.5 s, said as 1 s
  EXPECT_EQ(limiter.take("b", t0), 0u);  // another key has its own bucket
  EXPECT_EQ(limiter.take("a", t0 + 500ms), 0u);
  EXPECT_NE(limiter.take("a", t0 + 500ms), 0u);
  EXPECT_EQ(limiter.take("a", t0 + 10s), 0u);  // refilled, to the burst at most
  EXPECT_EQ(limiter.take("a", t0 + 10s), 0u);
  EXPECT_EQ(limiter.take("a", t0 + 10s), 0u);
  EXPECT_NE(limiter.take("a", t0 + 10s), 0u);

  server::http::RateLimiter slow({1.0 / 60.0, 1});
  EXPECT_EQ(slow.take("x", t0), 0u);
  EXPECT_EQ(slow.take("x", t0), 60u);

  server::http::RateLimiter off({});
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(off.take("a", t0), 0u);
}

TEST(RateLimiter, KeysIPv6ByItsSlash64AndMappedIPv4AsIPv4) {
  using server::http::clientKeyOf;
  EXPECT_EQ(clientKeyOf("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(clientKeyOf("::ffff:10.1.2.3"), "10.1.2.3");
  EXPECT_EQ(clientKeyOf("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(clientKeyOf("2001:db8:1:2:bbbb::7"), clientKeyOf("2001:db8:1:2:aaaa::1"));
  EXPECT_NE(clientKeyOf("2001:db8:1:3::1"), clientKeyOf("2001:db8:1:2::1"));
}

class ApiRateLimitTest : public ApiTest {
 protected:
  void adjust(server::ServerSettings& s) override {
    s.perAddress = {20, 40};
    s.perCredential = {1000, 1000};
    s.auditExports = {2.0 / 60.0, 2};
  }
};

TEST_F(ApiRateLimitTest, AFloodingAddressGets429WhileAnotherAddressIsServed) {
  const std::string target = tokensPath() + "/" + ownerTokenId;
  const Headers flooderAuth{{"Authorization", "Bearer " + tokenWithRole("ORGANIZATION_MEMBER")}};
  const Headers auth{{"Authorization", "Bearer " + ownerToken}};
  int ok = 0, limited = 0, other = 0;
  std::string retryAfter;
  TestConnection flood(port, 10s, "127.0.0.2");
  TestConnection calm(port);
  int calmServed = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 2000; ++i) {
    auto r = flood.request("GET", tokensPath(), {}, flooderAuth);
    if (r.status == 429) {
      ++limited;
      retryAfter = r.header("Retry-After");
      EXPECT_EQ(r.json().as_object().at("statusCode").as_int64(), 429);
      EXPECT_TRUE(r.keepAlive);
    } else if (r.status == 403 || r.status == 200) {
      ++ok;
    } else {
      ++other;
    }
    if (i % 100 == 0) calmServed += calm.request("GET", target, {}, auth).status == 200;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "[ figures  ] flood of 2000 requests from 127.0.0.2: " << ok << " served, "
            << limited << " answered 429; the other client: " << calmServed << " of 20 served\n";
  EXPECT_EQ(other, 0);
  EXPECT_EQ(ok + limited, 2000);
  // The burst, and what the rate refilled while the flood ran (one more for rounding).
  EXPECT_GE(ok, 40);
  EXPECT_LE(ok, 40 + static_cast<int>(20 * seconds) + 1);
  EXPECT_EQ(calmServed, 20);
  EXPECT_EQ(retryAfter, "1");
  // Every 429 is a refused attempt in the organization aimed at, aggregated: a few records whose
  // attempts add up to the flood's refusals, not one row per request.
  services->refusals.flush();
  std::int64_t audited = 0;
  std::size_t rows = 0;
  {
    auto tx = store->begin(store::Store::Mode::Read);
    for (const auto& r : tx->audit().list(orgId, clock->now() - std::chrono::hours(1),
                                          clock->now() + std::chrono::hours(1))) {
      if (r.reason != "too many requests from this address") continue;
      ++rows;
      EXPECT_EQ(r.action, "apiToken.list");
      EXPECT_EQ(r.sourceAddress, "127.0.0.2");
      std::int64_t n = 1;
      for (const auto& c : r.changes)
        if (c.field == "attempts" && c.newValue) n = std::stoll(*c.newValue);
      audited += n;
    }
  }
  EXPECT_EQ(audited, limited);
  EXPECT_GE(rows, 1u);
  EXPECT_LE(rows, 3u);
  // The health routes are never limited.
  EXPECT_EQ(flood.request("GET", "/healthz").status, 200);
  EXPECT_EQ(flood.request("GET", "/readyz").status, 200);
}

class ApiCredentialLimitTest : public ApiTest {
 protected:
  void adjust(server::ServerSettings& s) override {
    s.perAddress = {1000, 1000};
    s.perCredential = {5, 10};
  }
};

TEST_F(ApiCredentialLimitTest, OneCredentialIsLimitedFromEveryAddress) {
  const std::string value = tokenWithRole("ORGANIZATION_MEMBER");
  TestConnection a(port, 10s, "127.0.0.2"), b(port, 10s, "127.0.0.3");
  int limited = 0;
  for (int i = 0; i < 20; ++i) {
    // "Bearer v" and the bare value are one credential.
    auto r =
        (i % 2 ? a : b)
            .request("GET", orgPath(), {}, {{"Authorization", i % 3 ? "Bearer " + value : value}});
    limited += r.status == 429;
  }
  EXPECT_GE(limited, 9);
  EXPECT_LE(limited, 10);
  // Another credential from the same addresses is served.
  EXPECT_EQ(a.request("GET", orgPath(), {}, {{"Authorization", "Bearer " + ownerToken}}).status,
            200);
}

TEST_F(ApiRateLimitTest, AuditExportsAreLimitedToTwoAMinutePerCredential) {
  const Headers auth{{"Authorization", "Bearer " + ownerToken}};
  TestConnection c(port);
  EXPECT_EQ(c.request("GET", orgPath("/audit-logs"), {}, auth).status, 200);
  EXPECT_EQ(c.request("GET", orgPath("/audit-logs"), {}, auth).status, 200);
  auto r = c.request("GET", orgPath("/audit-logs"), {}, auth);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.header("Retry-After"), "30");
  // A second owner credential has its own allowance.
  auto second = str(createToken("second owner").at("token"));
  EXPECT_EQ(
      c.request("GET", orgPath("/audit-logs"), {}, {{"Authorization", "Bearer " + second}}).status,
      200);
}

class ApiAddressConnectionCapTest : public ApiTest {
 protected:
  void adjust(server::ServerSettings& s) override { s.maxConnectionsPerAddress = 3; }
};

TEST_F(ApiAddressConnectionCapTest, OneAddressCannotHoldEverySlot) {
  std::vector<std::unique_ptr<TestConnection>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<TestConnection>(port, 10s, "127.0.0.2"));
    ASSERT_EQ(held.back()->request("GET", "/healthz").status, 200);
  }
  TestConnection fourth(port, 10s, "127.0.0.2");
  auto r = fourth.readResponse();
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(str(r.json().as_object().at("message")),
            "too many connections from this address; retry later");
  EXPECT_EQ(r.header("Retry-After"), "1");
  EXPECT_TRUE(fourth.closedByPeer());
  // Another address is served while the first holds its slots.
  TestConnection other(port);
  EXPECT_EQ(other.request("GET", "/healthz").status, 200);
  // A slot given back is free again.
  held.back()->request("GET", "/healthz", {}, {{"Connection", "close"}});
  ASSERT_TRUE(held.back()->closedByPeer());
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    TestConnection again(port, 10s, "127.0.0.2");
    try {
      served = again.request("GET", "/healthz").status == 200;
    } catch (const std::exception&) {
    }
    if (!served) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(served);
}

}  // namespace astro::test
