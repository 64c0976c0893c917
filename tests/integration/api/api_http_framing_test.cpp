// Request framing and smuggling (RFC 9112 §6.3, §5.2, §2.2, §3.2): a request whose length the
// server could read differently from a proxy in front of it is answered 400 and the connection
// closes, so the bytes after it are never read as a request. Each case runs on a connection of
// its own and carries a smuggled authenticated GET that must never be answered.
#include <boost/json.hpp>

#include <string>
#include <vector>

#include "api_test_fixture.h"
#include "server/handlers/api_routes.h"

namespace astro::test {
namespace {

struct FramingCase {
  std::string name;
  std::string head;  // request line and header fields, each line ending in CRLF, no blank line
  std::string body;  // what follows the blank line before the smuggled request
};

class ApiFramingTest : public ApiTest {
 protected:
  // An authenticated GET that, if the server ever read it as a request, would answer 200.
  std::string smuggled() const {
    return "GET " + tokensPath() + "/" + ownerTokenId +
           " HTTP/1.1\r\nHost: x\r\nX-Request-Id: smuggled\r\nAuthorization: Bearer " + ownerToken +
           "\r\n\r\n";
  }
  std::string post() const { return "POST " + tokensPath() + " HTTP/1.1\r\nHost: x\r\n"; }

  // Sends the case, expects one 400 and a close with nothing after it.
  void expectRefusedAndClosed(const FramingCase& c, const std::string& extraEnd = "\r\n") {
    SCOPED_TRACE(c.name);
    TestConnection conn(port);
    conn.writeRaw(c.head + extraEnd + c.body + smuggled());
    auto r = conn.readResponse();
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_FALSE(r.keepAlive);
    std::string rest;
    EXPECT_TRUE(conn.closedByPeer(&rest));
    EXPECT_EQ(rest.find("smuggled"), std::string::npos) << "a smuggled request was answered";
    EXPECT_EQ(rest, "");
  }
};

TEST_F(ApiFramingTest, TransferCodingsThatDoNotEndInChunkedAre400AndClose) {
  const std::string auth = "Authorization: Bearer " + ownerToken + "\r\n";
  for (const std::string coding : {"gzip", "xchunked", "chunked, identity", "identity",
                                   "chunked;ext=1", "gzip, chunked", "chunked, chunked", ""}) {
    expectRefusedAndClosed({"Transfer-Encoding: " + coding,
                            post() + auth + "Content-Type: application/json\r\n" +
                                "Transfer-Encoding: " + coding + "\r\n",
                            ""});
  }
}

TEST_F(ApiFramingTest, ContentLengthWithTransferEncodingIs400InEitherOrder) {
  const std::string chunkedBody = "0\r\n\r\n";
  expectRefusedAndClosed({"CL+TE",
                          post() + "Content-Length: " + std::to_string(chunkedBody.size()) +
                              "\r\nTransfer-Encoding: chunked\r\n",
                          chunkedBody});
  expectRefusedAndClosed({"TE+CL",
                          post() + "Transfer-Encoding: chunked\r\nContent-Length: " +
                              std::to_string(chunkedBody.size()) + "\r\n",
                          chunkedBody});
  expectRefusedAndClosed(
      {"TE gzip + CL", post() + "Transfer-Encoding: gzip\r\nContent-Length: 2\r\n", "{}"});
}

TEST_F(ApiFramingTest, DuplicateOrListedContentLengthIs400) {
  expectRefusedAndClosed(
      {"two different", post() + "Content-Length: 2\r\nContent-Length: 40\r\n", "{}"});
  expectRefusedAndClosed(
      {"two equal", post() + "Content-Length: 2\r\nContent-Length: 2\r\n", "{}"});
  expectRefusedAndClosed({"a list", post() + "Content-Length: 2, 2\r\n", "{}"});
  expectRefusedAndClosed({"signed", post() + "Content-Length: +2\r\n", "{}"});
}

TEST_F(ApiFramingTest, ObsoleteLineFoldingIs400) {
  expectRefusedAndClosed(
      {"folded Transfer-Encoding", post() + "Transfer-Encoding: gzip\r\n chunked\r\n", ""});
  expectRefusedAndClosed({"folded other field", post() + "X-Note: one\r\n\ttwo\r\n", ""});
}

TEST_F(ApiFramingTest, BareLineFeedsAre400) {
  FramingCase c{"bare LF", "GET /healthz HTTP/1.1\nHost: x\n", ""};
  expectRefusedAndClosed(c, "\n");
  expectRefusedAndClosed({"one bare LF", "GET /healthz HTTP/1.1\r\nHost: x\nX-A: b\r\n", ""});
  expectRefusedAndClosed({"bare CR", "GET /healthz HTTP/1.1\r\nHost: x\rX-A: b\r\n", ""});
}

TEST_F(ApiFramingTest, TransferEncodingInHttp10Is400) {
  expectRefusedAndClosed({"HTTP/1.0 chunked",
                          "POST " + tokensPath() + " HTTP/1.0\r\nTransfer-Encoding: chunked\r\n",
                          "0\r\n\r\n"});
}

TEST_F(ApiFramingTest, HostMustAppearExactlyOnceInHttp11) {
  expectRefusedAndClosed({"no Host", "GET /healthz HTTP/1.1\r\n", ""});
  expectRefusedAndClosed({"two Hosts", "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n", ""});
  // HTTP/1.0 has no Host requirement.
  TestConnection c(port);
  c.writeRaw("GET /healthz HTTP/1.0\r\n\r\n");
  EXPECT_EQ(c.readResponse().status, 200);
}

TEST_F(ApiFramingTest, TwoAuthorizationHeadersAre400) {
  expectRefusedAndClosed({"two Authorization",
                          "GET " + tokensPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                              ownerToken + "\r\nAuthorization: Bearer other\r\n",
                          ""});
}

TEST_F(ApiFramingTest, AChunkedBodyIsStillRead) {
  std::string body = R"({"name":"chunked","role":"ORGANIZATION_MEMBER","scope":"ORGANIZATION"})";
  std::string chunk1 = body.substr(0, 10), chunk2 = body.substr(10);
  auto hex = [](std::size_t n) {
    char b[16];
    std::snprintf(b, sizeof b, "%zx", n);
    return std::string(b);
  };
  TestConnection c(port);
  c.writeRaw(post() + "Authorization: Bearer " + ownerToken +
             "\r\nContent-Type: application/json\r\nTransfer-Encoding: Chunked\r\n\r\n" +
             hex(chunk1.size()) + "\r\n" + chunk1 + "\r\n" + hex(chunk2.size()) + "\r\n" + chunk2 +
             "\r\n0\r\n\r\n");
  auto r = c.readResponse();
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(r.json().as_object().at("name")), "chunked");
  EXPECT_TRUE(r.keepAlive);
  EXPECT_EQ(c.request("GET", "/healthz").status, 200);  // the connection is still in step
}

// RFC 9112 §3.2.2: a server must accept the absolute form of a request target.
TEST_F(ApiFramingTest, AbsoluteFormTargetsAreAccepted) {
  TestConnection c(port);
  auto r = c.request("GET",
                     "http://127.0.0.1:" + std::to_string(port) + tokensPath() + "/" + ownerTokenId,
                     {}, {{"Authorization", "Bearer " + ownerToken}});
  EXPECT_EQ(r.status, 200) << r.body;
  r = c.request("GET", "HTTP://example.com" + tokensPath() + "?limit=1", {},
                {{"Authorization", "Bearer " + ownerToken}});
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().as_object().at("limit").as_int64(), 1);
  EXPECT_EQ(c.request("GET", "http://example.com").status, 404);  // empty path is "/"
  EXPECT_EQ(c.request("GET", "ftp://example.com/healthz").status, 400);
}

TEST_F(ApiFramingTest, HeadIsAnsweredOnEveryGetRouteWithoutABody) {
  TestConnection c(port);
  auto get = c.request("GET", tokensPath() + "/" + ownerTokenId, {},
                       {{"Authorization", "Bearer " + ownerToken}});
  ASSERT_EQ(get.status, 200);
  auto head = c.request("HEAD", tokensPath() + "/" + ownerTokenId, {},
                        {{"Authorization", "Bearer " + ownerToken}});
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.header("Content-Type"), "application/json");
  EXPECT_TRUE(head.keepAlive);
  // The connection stays in step: the next response is read whole.
  EXPECT_EQ(c.request("GET", "/healthz").body, R"({"status":"ok"})");
  EXPECT_EQ(c.request("HEAD", "/healthz").status, 200);
  EXPECT_EQ(c.request("HEAD", tokensPath()).status, 401);  // still authenticated

  // Every GET route answers HEAD, and a 405 names HEAD beside GET.
  server::handlers::ApiRouter router;
  server::handlers::addApiRoutes(router);
  for (const auto& route : router.routes()) {
    if (route.method != server::http::Method::Get) continue;
    SCOPED_TRACE(std::string(route.pathTemplate));
    std::string target(route.pathTemplate);
    for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"{org}", orgId}, {"{id}", ownerTokenId}, {"{userId}", ownerUserId}}) {
      for (auto pos = target.find(from); pos != std::string::npos; pos = target.find(from))
        target.replace(pos, from.size(), to);
    }
    auto h = c.request("HEAD", target, {}, {{"Authorization", "Bearer " + ownerToken}});
    EXPECT_NE(h.status, 405);
    EXPECT_EQ(h.body, "");
  }
  auto r = c.request("PUT", tokensPath() + "/" + ownerTokenId, {},
                     {{"Authorization", "Bearer " + ownerToken}});
  EXPECT_EQ(r.header("Allow"), "GET, HEAD, POST, DELETE");
}

}  // namespace
}  // namespace astro::test
