// The client layer: error normalisation (reference §6.3), the ApiClient's requests and pagers
// over a fake transport, URL splitting and proxy selection.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>

#include "client/api_client.h"
#include "client/api_error.h"
#include "client/proxy.h"
#include "client/url.h"

namespace astro::client {
namespace {

using ::testing::HasSubstr;

TEST(NormalizeApiError, MessageFromJsonElseFallback) {
  auto e = normalizeApiError(500, R"({"message":"failed to list tokens","requestId":"r"})");
  EXPECT_EQ(e.message, "failed to list tokens");
  EXPECT_EQ(e.code, core::ErrorCode::Internal);
  EXPECT_EQ(normalizeApiError(502, "<html>bad gateway</html>").message,
            "failed to perform request, status 502");
  EXPECT_EQ(normalizeApiError(404, "").message, "failed to perform request, status 404");
  EXPECT_EQ(normalizeApiError(401, R"({"message":"API token has expired"})").code,
            core::ErrorCode::Unauthenticated);
  EXPECT_EQ(normalizeApiError(403, "{}").code, core::ErrorCode::Forbidden);
  auto fe = normalizeApiError(
      400,
      R"({"message":"Invalid request body","fieldErrors":[{"code":"required","field":"name","message":"m"}]})");
  ASSERT_EQ(fe.fieldErrors.size(), 1u);
  EXPECT_EQ(fe.fieldErrors[0].field, "name");
}

TEST(NormalizeApiError, OnlyTwoHundredAndTwoHundredFourSucceed) {
  EXPECT_TRUE(isSuccess(200));
  EXPECT_TRUE(isSuccess(204));
  EXPECT_FALSE(isSuccess(201));
}

class ScriptedTransport : public HttpTransport {
 public:
  std::vector<HttpRequest> seen;
  std::deque<core::Result<HttpResponse>> answers;
  core::Result<HttpResponse> send(const HttpRequest& r) override {
    seen.push_back(r);
    auto a = answers.front();
    answers.pop_front();
    return a;
  }
  void json(int status, std::string body) {
    answers.push_back(
        HttpResponse{status, {{"Content-Type", "application/json"}}, std::move(body)});
  }
};

ApiClient clientOver(ScriptedTransport& t) {
  ApiClientConfig c;
  c.baseUrl = "http://127.0.0.1:8888/";
  c.authorization = "Bearer tok";
  c.identity.identifier = "cli";
  c.identity.version = "1.2.3";
  c.identity.os = "linux-amd64";
  c.identity.userAgent = "astro-cli/1.2.3";
  return ApiClient(t, c);
}

TEST(ApiClient, NetworkFailureNamesTheServer) {
  ScriptedTransport t;
  t.answers.push_back(core::Error{core::ErrorCode::Unavailable, "Connection refused", {}});
  auto c = clientOver(t);
  auto r = c.listOrganizations(100, 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, core::ErrorCode::Unavailable);
  EXPECT_EQ(r.error().message,
            "cannot reach the server at http://127.0.0.1:8888: Connection refused");
}

TEST(ApiClient, NonJsonSuccessIsAClearError) {
  ScriptedTransport t;
  t.answers.push_back(HttpResponse{200, {{"Content-Type", "text/html"}}, "<html>"});
  auto c = clientOver(t);
  auto r = c.getToken("o", "t");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "unexpected response from the server at http://127.0.0.1:8888: HTTP 200 with a body "
            "that is not JSON (text/html)");
}

TEST(ApiClient, HeadersPathsAndBodies) {
  ScriptedTransport t;
  t.json(200, R"({"id":"c1","name":"n","scope":"ORGANIZATION","token":"v"})");
  auto c = clientOver(t);
  core::CreateApiTokenRequest req;
  req.name = "n";
  req.description = "";
  req.role = "ORGANIZATION_OWNER";
  req.scope = "ORGANIZATION";
  auto r = c.createToken("org/1", req);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r->token, "v");
  auto& s = t.seen.at(0);
  EXPECT_EQ(s.method, "POST");
  EXPECT_EQ(s.url, "http://127.0.0.1:8888/v1/organizations/org%2F1/tokens");
  Headers want{{"Authorization", "Bearer tok"},     {"x-astro-client-identifier", "cli"},
               {"x-astro-client-version", "1.2.3"}, {"x-client-os-identifier", "linux-amd64"},
               {"User-Agent", "astro-cli/1.2.3"},   {"Content-Type", "application/json"}};
  EXPECT_EQ(s.headers, want);
  EXPECT_EQ(*s.body,
            R"({"description":"","name":"n","role":"ORGANIZATION_OWNER","scope":"ORGANIZATION"})");
}

TEST(ApiClient, TokenPagerUsesTheOffsetLoop) {
  ScriptedTransport t;
  std::string items;
  for (int i = 0; i < 100; ++i)
    items += std::string(i ? "," : "") + R"({"id":"c)" + std::to_string(i) + R"("})";
  t.json(200, R"({"tokens":[)" + items + R"(],"totalCount":101,"limit":100,"offset":0})");
  t.json(200, R"({"tokens":[{"id":"last"}],"totalCount":101,"limit":100,"offset":100})");
  auto c = clientOver(t);
  core::TokenListFilter f;
  f.includeOnlyOrganizationTokens = true;
  auto all = c.listAllTokens("o", f);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 101u);
  ASSERT_EQ(t.seen.size(), 2u);
  EXPECT_EQ(t.seen[1].url,
            "http://127.0.0.1:8888/v1/organizations/o/"
            "tokens?includeOnlyOrganizationTokens=true&limit=100&offset=100");
}

TEST(ApiClient, OrganizationPagerCollects) {
  ScriptedTransport t;
  t.json(200, R"({"organizations":[{"id":"a","name":"A"}],"totalCount":2})");
  t.json(200, R"({"organizations":[{"id":"b","name":"B"}],"totalCount":2})");
  auto c = clientOver(t);
  auto all = c.listAllOrganizations();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
  EXPECT_EQ(t.seen[1].url, "http://127.0.0.1:8888/v1/organizations?limit=100&offset=1");
}

TEST(ApiClient, DeleteAcceptsNoContentAndRotateSendsNoBodyType) {
  ScriptedTransport t;
  t.answers.push_back(HttpResponse{204, {}, ""});
  t.json(200, R"({"id":"t","token":"new"})");
  auto c = clientOver(t);
  EXPECT_TRUE(c.deleteToken("o", "t").ok());
  EXPECT_EQ(t.seen[0].method, "DELETE");
  EXPECT_FALSE(t.seen[0].body.has_value());
  auto r = c.rotateToken("o", "t");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(t.seen[1].body.value_or("x"), "");
  for (auto& [k, v] : t.seen[1].headers) EXPECT_NE(k, "Content-Type");
}

TEST(ClientIdentity, FromEnvironment) {
  auto none = ClientIdentity::fromEnvironment([](const std::string&) { return std::nullopt; });
  EXPECT_EQ(none.identifier, "cli");
  EXPECT_EQ(none.userAgent, "astro-cli/" + cliVersion());
  auto gha =
      ClientIdentity::fromEnvironment([](const std::string& k) -> std::optional<std::string> {
        if (k == "GITHUB_ACTIONS" || k == "DEPLOY_ACTION") return "true";
        if (k == "DEPLOY_ACTION_VERSION") return "v9";
        return std::nullopt;
      });
  EXPECT_EQ(gha.identifier, "deploy-action");
  EXPECT_EQ(gha.version, "v9");
}

TEST(Url, Parse) {
  auto u = parseUrl("http://127.0.0.1:8888/v1/organizations?limit=1");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, "8888");
  EXPECT_EQ(u->target, "/v1/organizations?limit=1");
  auto s = parseUrl("https://api.example.com");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->port, "443");
  EXPECT_EQ(s->target, "/");
  EXPECT_EQ(s->authority(), "api.example.com");
  EXPECT_EQ(s->authority(false), "api.example.com:443");
  auto v6 = parseUrl("http://[::1]:9000/x");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->authority(), "[::1]:9000");
  EXPECT_FALSE(parseUrl("ftp://x"));
  EXPECT_FALSE(parseUrl("no-scheme"));
  EXPECT_EQ(percentEncode("a b/c~"), "a%20b%2Fc~");
}

TEST(Proxy, SelectionAndNoProxy) {
  std::map<std::string, std::string> env{{"HTTPS_PROXY", "proxy.corp:3128"},
                                         {"http_proxy", "http://p2:8080"},
                                         {"NO_PROXY", "internal.corp,.svc,example.org:8443"}};
  EnvLookup get = [&](const std::string& k) -> std::optional<std::string> {
    auto it = env.find(k);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  auto p = proxyFor(*parseUrl("https://api.astronomer.io/v1"), get);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->host, "proxy.corp");
  EXPECT_EQ(p->port, "3128");
  EXPECT_EQ(proxyFor(*parseUrl("http://x.io/"), get)->host, "p2");
  EXPECT_FALSE(proxyFor(*parseUrl("https://internal.corp/"), get));
  EXPECT_FALSE(proxyFor(*parseUrl("https://a.b.svc/"), get));
  EXPECT_FALSE(proxyFor(*parseUrl("https://example.org:8443/"), get));
  EXPECT_TRUE(proxyFor(*parseUrl("https://example.org/"), get));
  EXPECT_FALSE(proxyFor(*parseUrl("http://127.0.0.1:8888/"), get));
  EXPECT_FALSE(proxyFor(*parseUrl("http://localhost:8888/"), get));
  env["NO_PROXY"] = "*";
  EXPECT_FALSE(proxyFor(*parseUrl("https://api.astronomer.io/v1"), get));
}

}  // namespace
}  // namespace astro::client
