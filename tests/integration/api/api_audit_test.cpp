// The audit-log export over HTTP: NDJSON oldest first, gzip-encoded when Accept-Encoding allows
// it (q-values honoured), plain otherwise; OWNER only; dates validated; never a token value.
#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <sstream>
#include <thread>

#include "api_expect.h"
#include "api_test_fixture.h"
#include "core/tokens/token_codec.h"
#include "server/http/content_encoding.h"

namespace astro::test {
namespace json = boost::json;

namespace {
std::vector<json::object> ndjsonLines(const std::string& text) {
  std::vector<json::object> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    EXPECT_FALSE(line.empty()) << "empty NDJSON line";
    out.push_back(json::parse(line).as_object());
  }
  EXPECT_TRUE(text.empty() || text.back() == '\n') << "the last line ends in a newline";
  return out;
}

std::vector<std::string> actions(const std::vector<json::object>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(str(l.at("action")));
  return out;
}
}  // namespace

class AuditExportTest : public ApiTest {
 protected:
  std::string auditPath(std::string_view query = {}) const {
    return orgPath("/audit-logs") + std::string(query);
  }
  HttpResult exportWith(std::string_view acceptEncoding, std::string_view query = {}) {
    Headers headers;
    if (!acceptEncoding.empty()) headers.emplace_back("Accept-Encoding", acceptEncoding);
    return call("GET", auditPath(query), {}, ownerToken, headers);
  }

  // A scripted series of changes, one audit record each; returns the token values it saw.
  std::vector<std::string> scriptedChanges() {
    std::vector<std::string> secrets{ownerToken};
    auto created = createToken("ci", "ORGANIZATION_MEMBER");  // apiToken.create
    secrets.push_back(str(created.at("token")));
    auto id = str(created.at("id"));
    clock->advance(std::chrono::seconds(1));
    auto rotated = post(tokensPath() + "/" + id + "/rotate", json::object{});  // apiToken.rotate
    EXPECT_EQ(rotated.status, 200) << rotated.body;
    secrets.push_back(str(rotated.json().at("token")));
    clock->advance(std::chrono::seconds(1));
    auto team = createTeam("Data");  // team.create
    clock->advance(std::chrono::seconds(1));
    EXPECT_EQ(post(orgPath("/teams/" + team), json::object{{"name", "Data Eng"}}).status,
              200);  // team.update
    clock->advance(std::chrono::seconds(1));
    createWorkspace("Prod");  // workspace.create
    clock->advance(std::chrono::seconds(1));
    EXPECT_EQ(del(orgPath("/teams/" + team)).status, 204);  // team.delete
    clock->advance(std::chrono::seconds(1));
    return secrets;
  }

  const std::vector<std::string> expectedActions = {
      "organization.init", "apiToken.create",  "apiToken.rotate", "team.create",
      "team.update",       "workspace.create", "team.delete"};
};

TEST_F(AuditExportTest, GzipWhenAcceptedDecompressesToTheChangesOldestFirst) {
  auto secrets = scriptedChanges();
  auto r = exportWith("gzip, deflate, br");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/x-ndjson");
  EXPECT_EQ(r.header("Content-Encoding"), "gzip");
  ASSERT_GE(r.body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(r.body[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(r.body[1]), 0x8b);
  std::string text = gunzip(r.body);
  auto lines = ndjsonLines(text);
  EXPECT_EQ(actions(lines), expectedActions) << text;
  for (const auto& l : lines) {
    EXPECT_EQ(str(l.at("organizationId")), orgId);
    EXPECT_EQ(str(l.at("outcome")), "SUCCESS");
    EXPECT_TRUE(l.at("actor").is_object());
    EXPECT_TRUE(l.at("target").is_object());
  }
  EXPECT_EQ(str(lines.at(3).at("target").at("type")), "TEAM") << text;
  for (const auto& s : secrets) EXPECT_EQ(text.find(s), std::string::npos) << "a token value";
}

TEST_F(AuditExportTest, PlainNdjsonWithoutGzipAndWhenGzipIsRefused) {
  auto secrets = scriptedChanges();
  for (std::string_view accept :
       {"", "identity", "gzip;q=0", "GZIP; q=0.000, *;q=1", "br", "*;q=0", "gzip;q=abc"}) {
    auto r = exportWith(accept);
    ASSERT_EQ(r.status, 200) << accept << ": " << r.body;
    EXPECT_FALSE(r.has("Content-Encoding")) << accept;
    EXPECT_EQ(r.header("Content-Type"), "application/x-ndjson") << accept;
    // Each export is itself audited once it has been read: compare the changes only.
    auto lines = ndjsonLines(r.body);
    std::vector<std::string> changes;
    for (const auto& a : actions(lines))
      if (a != "auditLog.export") changes.push_back(a);
    EXPECT_EQ(changes, expectedActions) << accept;
    for (const auto& s : secrets) EXPECT_EQ(r.body.find(s), std::string::npos);
  }
  for (std::string_view accept : {"gzip;q=0.5", "*", "deflate, x-gzip", "gzip;Q=1.0"}) {
    auto r = exportWith(accept);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("Content-Encoding"), "gzip") << accept;
  }
}

TEST_F(AuditExportTest, DateRangeIsValidated) {
  scriptedChanges();
  expectFieldError(exportWith("", "?startDate=yesterday"), "startDate");
  expectFieldError(exportWith("", "?endDate=2024-13-01T00:00:00Z"), "endDate");
  expectFieldError(exportWith("", "?startDate=2024-01-01"), "startDate");
  expectFieldError(exportWith("", "?colour=red"), "colour");
  // start after end, or more than 90 days back: the service's 400.
  auto now = core::formatRfc3339(clock->now());
  auto earlier = core::formatRfc3339(clock->now() - std::chrono::hours(1));
  expectApiError(exportWith("", "?startDate=" + now + "&endDate=" + earlier), 400);
  auto longAgo = core::formatRfc3339(clock->now() - std::chrono::hours(24 * 91));
  expectApiError(exportWith("", "?startDate=" + longAgo), 400);
  // A window that holds nothing: 200, empty body.
  auto from = core::formatRfc3339(clock->now() - std::chrono::hours(48));
  auto to = core::formatRfc3339(clock->now() - std::chrono::hours(47));
  auto r = exportWith("", "?startDate=" + from + "&endDate=" + to);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.body.empty()) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/x-ndjson");
  // Fractional seconds, as the Go client writes them, are accepted.
  r = exportWith("", "?startDate=" + from.substr(0, 19) + ".123456789Z");
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(AuditExportTest, OnlyOwnersMayExport) {
  auto member = tokenWithRole("ORGANIZATION_MEMBER");
  auto billing = tokenWithRole("ORGANIZATION_BILLING_ADMIN");
  expectApiError(call("GET", auditPath(), {}, member, {{"Accept-Encoding", "gzip"}}), 403);
  expectApiError(call("GET", auditPath(), {}, billing), 403);
  auto second = addSecondOrganization();
  expectApiError(call("GET", auditPath(), {}, second.token), 404);
}

// Refused requests the services never see, or refuse before any audited check (issue 8,
// defect 6): 401 (also a rotated, deleted or expired token reused), 404, malformed bodies, 415.
// Counted in memory and written once per window; the export writes what is pending first.
class RefusalAuditTest : public AuditExportTest {
 protected:
  std::vector<json::object> exported(const std::string& token, const std::string& org) {
    auto r = call("GET", "/v1/organizations/" + org + "/audit-logs", {}, token);
    EXPECT_EQ(r.status, 200) << r.body;
    return ndjsonLines(r.body);
  }
  std::vector<json::object> exported() { return exported(ownerToken, orgId); }
  static std::vector<json::object> withAction(const std::vector<json::object>& lines,
                                              std::string_view action, std::string_view outcome) {
    std::vector<json::object> out;
    for (const auto& l : lines)
      if (str(l.at("action")) == action && str(l.at("outcome")) == outcome) out.push_back(l);
    return out;
  }
  // The "attempts" a record stands for (1 when it does not say).
  static std::int64_t attempts(const json::object& line) {
    for (const auto& c : line.at("changes").as_array())
      if (str(c.at("field")) == "attempts") return c.at("newValue").to_number<std::int64_t>();
    return 1;
  }
  static std::int64_t attempts(const store::AuditRecord& r) {
    for (const auto& c : r.changes)
      if (c.field == "attempts" && c.newValue) return std::stoll(*c.newValue);
    return 1;
  }
  std::vector<store::AuditRecord> storedRefusals(const std::string& org) {
    auto tx = store->begin(store::Store::Mode::Read);
    auto all = tx->audit().list(org, clock->now() - std::chrono::hours(1),
                                clock->now() + std::chrono::hours(1));
    std::vector<store::AuditRecord> out;
    for (auto& r : all)
      if (r.outcome != "SUCCESS") out.push_back(std::move(r));
    return out;
  }
  std::string randomTokenValue() {
    return core::generateTokenValue(core::TokenScopeTag::Organization, "",
                                    service::osRandomBytes());
  }
};

TEST_F(RefusalAuditTest, RequestsRefusedBeforeTheServiceRunsAreAuditedInTheirOrganization) {
  const std::string unknownId = "c" + std::string(24, '9');
  auto notFound = get(tokensPath() + "/" + unknownId);
  expectApiError(notFound, 404);
  auto malformed = call("POST", tokensPath(), "{\"name\":", ownerToken);
  expectApiError(malformed, 400);
  auto wrongType =
      call("POST", tokensPath(), R"({"name":"x"})", ownerToken, {{"Content-Type", "text/plain"}});
  expectApiError(wrongType, 415);
  auto duplicate = call("POST", orgPath("/teams"), R"({"name":"A","name":"B"})", ownerToken);
  expectApiError(duplicate, 400);

  auto lines = exported();
  auto get404 = withAction(lines, "apiToken.get", "FAILED");
  ASSERT_EQ(get404.size(), 1u) << "404 of an unknown ID";
  EXPECT_EQ(str(get404[0].at("target").at("type")), "API_TOKEN");
  EXPECT_EQ(str(get404[0].at("target").at("id")), unknownId);
  EXPECT_EQ(str(get404[0].at("reason")), "API token not found");
  EXPECT_EQ(str(get404[0].at("requestId")), notFound.header("X-Request-Id"));
  EXPECT_EQ(str(get404[0].at("actor").at("id")), ownerTokenId);
  EXPECT_EQ(str(get404[0].at("sourceAddress")), "127.0.0.1");
  EXPECT_EQ(str(get404[0].at("organizationId")), orgId);

  auto creates = withAction(lines, "apiToken.create", "FAILED");
  ASSERT_EQ(creates.size(), 2u) << "the malformed body and the 415";
  std::vector<std::string> requestIds{str(creates[0].at("requestId")),
                                      str(creates[1].at("requestId"))};
  std::sort(requestIds.begin(), requestIds.end());
  std::vector<std::string> expected{malformed.header("X-Request-Id"),
                                    wrongType.header("X-Request-Id")};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(requestIds, expected);
  for (const auto& c : creates) EXPECT_FALSE(str(c.at("reason")).empty());
  EXPECT_EQ(withAction(lines, "team.create", "FAILED").size(), 1u) << "the duplicate key";
}

TEST_F(RefusalAuditTest, RequestsTheTransportRefusesAreAuditedInTheOrganizationTheyAimAt) {
  auto send = [this](const std::string& bytes) {
    TestConnection c(port);
    c.writeRaw(bytes);
    return c.readResponse();
  };
  const std::string head = "POST " + tokensPath() + " HTTP/1.1\r\nHost: x\r\n";
  const std::string body(70 * 1024, 'x');  // over the fixture's 64 KiB
  auto tooLarge = send(head + "X-Request-Id: too-large\r\nContent-Type: application/json\r\n" +
                       "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_EQ(tooLarge.status, 413);
  auto framing = send(head + "X-Request-Id: framing\r\nTransfer-Encoding: gzip\r\n\r\n");
  EXPECT_EQ(framing.status, 400);
  // Where the parser read no usable path there is no organization to give the record.
  auto badTarget = send("GET ftp://x/v1/organizations HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(badTarget.status, 400);
  auto headerTooLarge =
      send("GET " + tokensPath() + " HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(9000, 'p') +
           "\r\n\r\n");
  EXPECT_EQ(headerTooLarge.status, 431);

  auto creates = withAction(exported(), "apiToken.create", "FAILED");
  auto byRequest = [&](const std::string& id) -> const json::object* {
    for (const auto& l : creates)
      if (str(l.at("requestId")) == id) return &l;
    return nullptr;
  };
  const json::object* large = byRequest("too-large");
  ASSERT_NE(large, nullptr) << "the 413 is a refused create in the organization of its path";
  EXPECT_EQ(str(large->at("organizationId")), orgId);
  EXPECT_EQ(str(large->at("actor").at("type")), "ANONYMOUS");
  EXPECT_NE(str(large->at("reason")).find("request body too large"), std::string::npos);
  EXPECT_EQ(str(large->at("sourceAddress")), "127.0.0.1");
  const json::object* framed = byRequest("framing");
  ASSERT_NE(framed, nullptr) << "the framing 400";
  EXPECT_NE(str(framed->at("reason")).find("Transfer-Encoding"), std::string::npos);

  std::vector<std::string> nobody;
  for (const auto& r : storedRefusals("")) nobody.push_back(r.reason);
  auto has = [&](std::string_view text) {
    return std::any_of(nobody.begin(), nobody.end(),
                       [&](const std::string& r) { return r.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has("invalid request target"));
  EXPECT_TRUE(has("request header fields too large"));

  // /metrics counts the 413 under the route it was aimed at.
  auto page = call("GET", "/metrics").body;
  EXPECT_NE(page.find("astro_http_requests_total{route=\"/v1/organizations/{org}/tokens\","
                      "method=\"POST\",status=\"413\"} 1\n"),
            std::string::npos)
      << page;
}

TEST_F(RefusalAuditTest, ARetiredOrExpiredTokenReusedIsAuditedInItsOrganizationOncePerWindow) {
  auto rotated = createToken("ci");
  const std::string rotatedId = str(rotated.at("id"));
  const std::string oldValue = str(rotated.at("token"));
  ASSERT_EQ(post(tokensPath() + "/" + rotatedId + "/rotate", json::object{}).status, 200);
  auto deleted = createToken("gone");
  expectNoContent(del(tokensPath() + "/" + str(deleted.at("id"))));
  auto expiring = createToken("short", "ORGANIZATION_MEMBER", 1);
  clock->advance(std::chrono::hours(25));

  // A stuck CI job: the same refused value again and again.
  for (int i = 0; i < 20; ++i) expectApiError(get(tokensPath(), oldValue), 401);
  for (int i = 0; i < 5; ++i) expectApiError(get(tokensPath(), str(deleted.at("token"))), 401);
  for (int i = 0; i < 3; ++i) expectApiError(get(tokensPath(), str(expiring.at("token"))), 401);

  auto lines = withAction(exported(), "apiToken.authenticate", "DENIED");
  std::map<std::string, std::pair<std::int64_t, std::string>> byTarget;
  for (const auto& l : lines) {
    EXPECT_EQ(str(l.at("organizationId")), orgId);
    EXPECT_EQ(str(l.at("target").at("type")), "API_TOKEN");
    auto& entry = byTarget[str(l.at("target").at("id"))];
    entry.first += attempts(l);
    entry.second = str(l.at("reason"));
  }
  ASSERT_EQ(lines.size(), 3u) << "one record per token and window, not one per request";
  EXPECT_EQ(byTarget[rotatedId].first, 20);
  EXPECT_NE(byTarget[rotatedId].second.find("rotated"), std::string::npos);
  EXPECT_EQ(byTarget[str(deleted.at("id"))].first, 5);
  EXPECT_NE(byTarget[str(deleted.at("id"))].second.find("deleted"), std::string::npos);
  EXPECT_EQ(byTarget[str(expiring.at("id"))].first, 3);
  EXPECT_NE(byTarget[str(expiring.at("id"))].second.find("expired"), std::string::npos);
}

TEST_F(RefusalAuditTest, ACrossOrganizationProbeIsAuditedAndRevealsNothingToTheProber) {
  auto second = addSecondOrganization();
  const std::string nowhere = "c" + std::string(24, '5');
  auto probe = get(tokensPath(), second.token);
  auto blind = get("/v1/organizations/" + nowhere + "/tokens", second.token);
  expectApiError(probe, 404);
  expectApiError(blind, 404);
  EXPECT_EQ(probe.json().at("message"), blind.json().at("message"));
  EXPECT_EQ(probe.body.size(), blind.body.size());

  // The prober's own organization sees both probes, alike.
  auto theirs = withAction(exported(second.token, second.orgId), "apiToken.list", "DENIED");
  ASSERT_EQ(theirs.size(), 2u);
  for (const auto& l : theirs) {
    EXPECT_EQ(str(l.at("organizationId")), second.orgId);
    EXPECT_EQ(str(l.at("reason")), str(probe.json().at("message")));
  }
  // The organization probed sees the probe aimed at it, and not the one aimed elsewhere.
  auto ours = withAction(exported(), "apiToken.list", "DENIED");
  ASSERT_EQ(ours.size(), 1u);
  EXPECT_EQ(str(ours[0].at("organizationId")), orgId);
  EXPECT_EQ(str(ours[0].at("requestId")), probe.header("X-Request-Id"));
  EXPECT_EQ(str(ours[0].at("actor").at("type")), "SERVICEKEY");
  EXPECT_NE(str(ours[0].at("actor").at("id")), ownerTokenId);
  EXPECT_EQ(str(ours[0].at("actor").at("name")), "") << "nothing about the other organization";
}

TEST_F(RefusalAuditTest, AFloodOfUnauthenticatedGarbageWritesABoundedNumberOfRows) {
  constexpr int kRequests = 10000;
  std::vector<std::string> unknownValues;
  for (int i = 0; i < 4000; ++i) unknownValues.push_back(randomTokenValue());
  TestConnection c(port);
  int refused = 0;
  for (int i = 0; i < kRequests; ++i) {
    Headers h;
    std::string target = tokensPath();
    if (i < 4000) {
      h.emplace_back("Authorization", "Bearer " + unknownValues[i]);
    } else if (i < 7000) {
      h.emplace_back("Authorization", "Bearer garbage-" + std::to_string(i));
    } else if (i < 9000) {
      target = "/v1/organizations/c" + std::string(24, 'a' + i % 20) + "/teams";
    } else {
      target = "/v1/no-such-route/" + std::to_string(i);
    }
    auto r = c.request("GET", target, {}, h);
    refused += r.status == 401 || r.status == 404;
  }
  ASSERT_EQ(refused, kRequests);
  exported();  // writes what is pending

  auto ours = storedRefusals(orgId);
  auto nobody = storedRefusals("");
  std::int64_t counted = 0;
  for (const auto& r : ours) counted += attempts(r);
  for (const auto& r : nobody) counted += attempts(r);
  EXPECT_EQ(counted, kRequests) << "every refusal is counted";
  EXPECT_LE(ours.size() + nobody.size(), 10u) << "rows, not one per request";
  EXPECT_GE(ours.size(), 2u) << "the org aimed at sees the invalid and the malformed values";
  for (const auto& r : ours) EXPECT_EQ(r.sourceAddress, "127.0.0.1");
}

// The refusal audit's writer writes each window's counts when the window ends, without a request
// to do it (the request that ended a window used to write them, on its own thread).
class RefusalWindowTest : public RefusalAuditTest {
 protected:
  void adjustServices(service::ServiceSettings& s) override {
    s.refusalAuditWindow = std::chrono::seconds(1);
  }
};

TEST_F(RefusalWindowTest, CountedRefusalsAreWrittenWhenTheirWindowEnds) {
  const std::string value = randomTokenValue();
  for (int i = 0; i < 3; ++i) expectApiError(get(tokensPath(), value), 401);
  EXPECT_TRUE(storedRefusals(orgId).empty()) << "counted in memory, not a row per request";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (storedRefusals(orgId).empty() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  auto rows = storedRefusals(orgId);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].action, "apiToken.authenticate");
  EXPECT_EQ(rows[0].outcome, "DENIED");
  EXPECT_EQ(attempts(rows[0]), 3);
}

TEST(AcceptEncoding, QValuesAreHonoured) {
  using server::http::acceptsGzip;
  EXPECT_TRUE(acceptsGzip("gzip"));
  EXPECT_TRUE(acceptsGzip("deflate, gzip;q=1.0, *;q=0.5"));
  EXPECT_TRUE(acceptsGzip(" GZip ; q=0.001"));
  EXPECT_TRUE(acceptsGzip("*"));
  EXPECT_TRUE(acceptsGzip("x-gzip"));
  EXPECT_FALSE(acceptsGzip(""));
  EXPECT_FALSE(acceptsGzip("identity"));
  EXPECT_FALSE(acceptsGzip("gzip;q=0"));
  EXPECT_FALSE(acceptsGzip("gzip;q=0.0, *"));
  EXPECT_FALSE(acceptsGzip("*, gzip;q=0"));
  EXPECT_FALSE(acceptsGzip("*;q=0"));
  EXPECT_FALSE(acceptsGzip("gzip;q=2"));
  EXPECT_FALSE(acceptsGzip("gzip;q=1.5"));
  EXPECT_FALSE(acceptsGzip("gzip;q=0.1234"));
  EXPECT_FALSE(acceptsGzip("gzipped"));
}

TEST(GzipCompress, RoundTripsThroughZlib) {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "{\"line\":" + std::to_string(i) + "}\n";
  auto packed = server::http::gzipCompress(text);
  EXPECT_LT(packed.size(), text.size() / 4);
  EXPECT_EQ(gunzip(packed), text);
  EXPECT_EQ(gunzip(server::http::gzipCompress("")), "");
}

}  // namespace astro::test
