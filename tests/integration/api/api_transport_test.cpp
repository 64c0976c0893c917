// The HTTP transport: routing errors, request ids, keep-alive, limits, timeouts, connection cap,
// graceful stop.
#include <boost/json.hpp>

#include <future>
#include <thread>

#include "api_test_fixture.h"
#include "server/handlers/api_handler.h"

namespace astro::test {
namespace json = boost::json;
using namespace std::chrono_literals;

TEST_F(ApiTest, UnknownRouteIs404AndWrongMethodIs405) {
  auto r = get("/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(str(r.json().as_object().at("message")), "route not found");
  EXPECT_EQ(r.json().as_object().at("statusCode").as_int64(), 404);
  EXPECT_EQ(call("GET", "/").status, 404);
  EXPECT_EQ(get(tokensPath() + "/").status, 404);

  r = call("PUT", tokensPath() + "/" + ownerTokenId, {}, ownerToken);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(str(r.json().as_object().at("message")), "method not allowed");
  EXPECT_EQ(r.header("Allow"), "GET, HEAD, POST, DELETE");
  EXPECT_EQ(r.json().as_object().at("statusCode").as_int64(), 405);
  EXPECT_EQ(call("DELETE", "/v1/organizations", {}, ownerToken).status, 405);
  EXPECT_EQ(call("POST", "/healthz").status, 405);
}

TEST_F(ApiTest, PercentEncodedPathParametersAreDecoded) {
  auto r = get("/v1/organizations/" + orgId + "/tokens/%63" + ownerTokenId.substr(1));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(get("/v1/organizations/" + orgId + "/tokens/%2F").status, 404);
  EXPECT_EQ(get("/v1/organizations/" + orgId + "/tokens/%zz").status, 400);  // not a valid target
}

TEST_F(ApiTest, RequestIdIsEchoedWhenSaneAndGeneratedOtherwise) {
  TestConnection c(port);
  auto r = c.request("GET", "/v1/organizations", {}, {{"X-Request-Id", "abc-123_x.y:z"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.header("X-Request-Id"), "abc-123_x.y:z");
  EXPECT_EQ(str(r.json().as_object().at("requestId")), "abc-123_x.y:z");

  r = c.request("GET", "/healthz", {}, {{"X-Request-Id", "has space"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.header("X-Request-Id"), "has space");
  EXPECT_EQ(r.header("X-Request-Id").size(), 20u);

  r = c.request("GET", "/healthz", {}, {{"X-Request-Id", std::string(129, 'a')}});
  EXPECT_EQ(r.header("X-Request-Id").size(), 20u);
  auto first = r.header("X-Request-Id");
  r = c.request("GET", "/healthz");
  EXPECT_EQ(r.header("X-Request-Id").size(), 20u);
  EXPECT_NE(r.header("X-Request-Id"), first);
}

TEST_F(ApiTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  TestConnection c(port);
  Headers auth{{"Authorization", "Bearer " + ownerToken}};
  for (int i = 0; i < 5; ++i) {
    auto r = c.request("GET", tokensPath() + "/" + ownerTokenId, {}, auth);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(r.keepAlive);
  }
  auto r = c.request("GET", "/v1/nothing", {}, auth);
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(r.keepAlive);
  r = c.request("GET", "/healthz");
  EXPECT_EQ(r.status, 200);
}

TEST_F(ApiTest, PipelinedRequestsAreAnsweredInOrder) {
  TestConnection c(port);
  c.writeRaw(
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: one\r\n\r\n"
      "GET /nope HTTP/1.1\r\nHost: x\r\nX-Request-Id: two\r\n\r\n");
  auto a = c.readResponse();
  auto b = c.readResponse();
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.header("X-Request-Id"), "one");
  EXPECT_EQ(b.status, 404);
  EXPECT_EQ(b.header("X-Request-Id"), "two");
}

TEST_F(ApiTest, ConnectionCloseIsHonoured) {
  TestConnection c(port);
  auto r = c.request("GET", "/healthz", {}, {{"Connection", "close"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(r.keepAlive);
  EXPECT_TRUE(c.closedByPeer());
}

TEST_F(ApiTest, OversizedBodyIs413AndTheConnectionCloses) {
  TestConnection c(port);
  std::string body(settings.maxBodyBytes + 1, 'x');
  auto r = c.request("POST", tokensPath(), body,
                     {{"Authorization", "Bearer " + ownerToken},
                      {"Content-Type", "application/json"},
                      {"X-Request-Id", "big-one"}});
  EXPECT_EQ(r.status, 413);
  EXPECT_FALSE(r.keepAlive);
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  EXPECT_EQ(r.header("X-Request-Id"), "big-one");
  auto e = r.json().as_object();
  EXPECT_EQ(e.at("statusCode").as_int64(), 413);
  EXPECT_EQ(str(e.at("requestId")), "big-one");
  EXPECT_TRUE(c.closedByPeer());
  // The server is fine afterwards.
  EXPECT_EQ(call("GET", "/healthz").status, 200);
}

TEST_F(ApiTest, BodyAtTheLimitIsRead) {
  // Exactly maxBodyBytes of (invalid) JSON: read and parsed, so a 400 rather than a 413.
  std::string body(settings.maxBodyBytes, ' ');
  body[0] = '{';
  auto r = call("POST", tokensPath(), body, ownerToken);
  EXPECT_EQ(r.status, 400) << r.body;
}

TEST_F(ApiTest, OversizedHeadersAre431AndTheConnectionCloses) {
  TestConnection c(port);
  auto r =
      c.request("GET", "/healthz", {}, {{"X-Padding", std::string(settings.maxHeaderBytes, 'p')}});
  EXPECT_EQ(r.status, 431);
  EXPECT_FALSE(r.keepAlive);
  EXPECT_EQ(r.json().as_object().at("statusCode").as_int64(), 431);
  EXPECT_TRUE(c.closedByPeer());
}

TEST_F(ApiTest, MalformedHttpIs400AndCloses) {
  TestConnection c(port);
  c.writeRaw("THIS IS NOT HTTP\r\n\r\n");
  auto r = c.readResponse();
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(c.closedByPeer());
}

TEST_F(ApiTest, ExpectContinueGetsAnInterimResponse) {
  TestConnection c(port);
  std::string body = R"({"name":"cont","role":"ORGANIZATION_MEMBER","scope":"ORGANIZATION"})";
  c.writeRaw("POST " + tokensPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
             ownerToken +
             "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n");
  auto interim = c.readResponse();
  EXPECT_EQ(interim.status, 100);
  c.writeRaw(body);
  auto r = c.readResponse();
  EXPECT_EQ(r.status, 200) << r.body;
}

class ApiTimeoutTest : public ApiTest {
 protected:
  void adjust(server::ServerSettings& s) override {
    s.readTimeout = 300ms;
    s.idleTimeout = 300ms;
  }
};

TEST_F(ApiTimeoutTest, AnIncompleteRequestIsClosedAfterTheReadTimeout) {
  TestConnection c(port);
  c.writeRaw("GET /healthz HTTP/1.1\r\nHost: x\r\n");  // never finished
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closedByPeer());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST_F(ApiTimeoutTest, AnIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  TestConnection c(port);
  EXPECT_EQ(c.request("GET", "/healthz").status, 200);
  EXPECT_TRUE(c.closedByPeer());
}

class ApiConnectionLimitTest : public ApiTest {
 protected:
  void adjust(server::ServerSettings& s) override { s.maxConnections = 2; }
};

TEST_F(ApiConnectionLimitTest, BeyondTheLimitConnectionsGet503AndClose) {
  TestConnection a(port), b(port);
  ASSERT_EQ(a.request("GET", "/healthz").status, 200);
  ASSERT_EQ(b.request("GET", "/healthz").status, 200);
  TestConnection c(port);
  auto r = c.readResponse();
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.json().as_object().at("statusCode").as_int64(), 503);
  EXPECT_TRUE(c.closedByPeer());
  // Once one closes, a new connection is served again.
  a.request("GET", "/healthz", {}, {{"Connection", "close"}});
  ASSERT_TRUE(a.closedByPeer());
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    TestConnection d(port);
    served = d.request("GET", "/healthz").status == 200;
    if (!served) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(served);
}

TEST_F(ApiTest, GracefulStopFinishesTheRequestInFlight) {
  TestConnection idle(port);
  ASSERT_EQ(idle.request("GET", "/healthz").status, 200);

  std::string body = R"({"name":"in flight","role":"ORGANIZATION_MEMBER","scope":"ORGANIZATION"})";
  TestConnection busy(port);
  busy.writeRaw("POST " + tokensPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                ownerToken + "\r\nContent-Type: application/json\r\nContent-Length: " +
                std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10));
  std::this_thread::sleep_for(100ms);  // the server has the header and part of the body

  server->requestStop();
  auto stopped = std::async(std::launch::async, [&] { server->wait(); });
  // The idle keep-alive connection is closed at once...
  EXPECT_TRUE(idle.closedByPeer());
  // ...the one in flight is not: its request completes, then it closes.
  EXPECT_EQ(stopped.wait_for(200ms), std::future_status::timeout);
  busy.writeRaw(body.substr(10));
  auto r = busy.readResponse();
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.keepAlive);
  EXPECT_EQ(str(r.json().as_object().at("name")), "in flight");
  EXPECT_TRUE(busy.closedByPeer());
  EXPECT_EQ(stopped.wait_for(5s), std::future_status::ready);
  // No longer accepting.
  EXPECT_ANY_THROW(TestConnection(port).request("GET", "/healthz"));
}

// One I/O thread serves every connection here: a handler waiting on the store must wait on a
// worker thread, not on it (architecture.md: "a slow query never stalls the other connections
// of its thread").
class ApiOneIoThreadTest : public ApiTest {
 protected:
  void adjust(server::ServerSettings& s) override { s.threads = 1; }
};

TEST_F(ApiOneIoThreadTest, ARequestWaitingOnTheStoreDoesNotStallTheOtherConnections) {
  ASSERT_EQ(server->ioThreads(), 1u);
  ASSERT_EQ(get(tokensPath(), ownerToken).status, 200);  // the owner token is now cached

  // The test holds the write turn: the server's create waits for it (up to the busy timeout).
  auto held = store->begin(store::Store::Mode::Write);
  const std::string body =
      R"({"name":"waits","role":"ORGANIZATION_MEMBER","scope":"ORGANIZATION"})";
  TestConnection writer(port);
  writer.writeRaw("POST " + tokensPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                  ownerToken + "\r\nContent-Type: application/json\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n" + body);
  std::this_thread::sleep_for(150ms);  // the create is now waiting for the write turn

  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(TestConnection(port).request("GET", "/healthz").status, 200);
  EXPECT_EQ(get(tokensPath(), ownerToken).status, 200);  // a read, while the write waits
  EXPECT_EQ(get("/metrics").status, 200);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, 1s) << "the other connections waited for the blocked handler";

  held.reset();  // rolled back: the write turn is free
  auto created = writer.readResponse();
  EXPECT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(str(created.json().as_object().at("name")), "waits");
}

// Stopping while a handler waits on the store: the stop waits for it (within the grace period),
// its answer is written, and nothing runs after the server is gone.
TEST_F(ApiOneIoThreadTest, StopWaitsForAHandlerThatIsWaitingOnTheStore) {
  auto held = store->begin(store::Store::Mode::Write);
  const std::string body =
      R"({"name":"at stop","role":"ORGANIZATION_MEMBER","scope":"ORGANIZATION"})";
  TestConnection writer(port);
  writer.writeRaw("POST " + tokensPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                  ownerToken + "\r\nContent-Type: application/json\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n" + body);
  std::this_thread::sleep_for(150ms);
  server->requestStop();
  auto stopped = std::async(std::launch::async, [&] { server->wait(); });
  EXPECT_EQ(stopped.wait_for(200ms), std::future_status::timeout);
  held.reset();  // rolled back: the write turn is free
  auto created = writer.readResponse();
  EXPECT_EQ(created.status, 200) << created.body;
  EXPECT_FALSE(created.keepAlive);
  EXPECT_EQ(stopped.wait_for(5s), std::future_status::ready);
}

// Where a request runs: on the I/O thread only what cannot wait (ApiHandler::mayBlock).
TEST_F(ApiTest, OnlyWhatCannotWaitRunsOnTheIoThread) {
  namespace handlers = server::handlers;
  namespace http = server::http;
  handlers::ApiHandler api(*services, *store);
  auto mayBlock = [&](http::Method m, std::string_view path) {
    http::HttpRequest req;
    req.method = m;
    req.path = path;
    return api.mayBlock(req);
  };
  EXPECT_FALSE(mayBlock(http::Method::Get, "/healthz"));
  EXPECT_FALSE(mayBlock(http::Method::Get, "/metrics"));
  // A SQLite file in WAL mode: a read never waits for a lock, and authentication writes nothing
  // (lastUsedAt is batched), so a read stays on the I/O thread.
  ASSERT_FALSE(store->readsMayWait());
  EXPECT_FALSE(mayBlock(http::Method::Get, tokensPath()));
  EXPECT_FALSE(mayBlock(http::Method::Head, tokensPath()));
  EXPECT_FALSE(mayBlock(http::Method::Get, "/readyz"));
  EXPECT_TRUE(mayBlock(http::Method::Post, tokensPath()));
  EXPECT_TRUE(mayBlock(http::Method::Delete, tokensPath() + "/x"));
  EXPECT_TRUE(mayBlock(http::Method::Get, orgPath("/audit-logs"))) << "the export writes first";
  EXPECT_FALSE(mayBlock(http::Method::Get, "/no/such/route")) << "a refusal only counts";
  EXPECT_FALSE(mayBlock(http::Method::Patch, tokensPath())) << "405: a refusal only counts";

  // Authentication that writes lastUsedAt itself: every authenticated read may wait.
  service::ServiceSettings writing;
  writing.lastUsedFlushInterval = std::chrono::milliseconds(0);
  service::Services writingServices(*store, *clock, service::osRandomBytes(), writing);
  handlers::ApiHandler writingApi(writingServices, *store);
  const std::string tokens = tokensPath();  // HttpRequest::path is a view: keep what it points to
  http::HttpRequest get;
  get.method = http::Method::Get;
  get.path = tokens;
  EXPECT_TRUE(writingApi.mayBlock(get));

  // ":memory:" shares one cache with table locks: its reads may wait.
  store::SqliteStore memory(store::SqliteOptions{.path = ":memory:"});
  EXPECT_TRUE(memory.readsMayWait());
  service::Services memoryServices(memory, *clock, service::osRandomBytes());
  handlers::ApiHandler memoryApi(memoryServices, memory);
  EXPECT_TRUE(memoryApi.mayBlock(get));
}

}  // namespace astro::test
