// The audit-log export over HTTP: NDJSON oldest first, gzip-encoded when Accept-Encoding allows
// it (q-values honoured), plain otherwise; OWNER only; dates validated; never a token value.
#include <boost/json.hpp>

#include <sstream>

#include "api_expect.h"
#include "api_test_fixture.h"
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
