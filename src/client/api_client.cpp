#include "client/api_client.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "client/api_error.h"
#include "client/url.h"
#include "core/json/api_json.h"

namespace astro::client {
namespace json = boost::json;
using core::Error;
using core::Result;

namespace {

std::string seg(const std::string& s) {
  return percentEncode(s);
}

std::string orgPath(const std::string& org) {
  return "/organizations/" + seg(org);
}
std::string tokenPath(const std::string& org, const std::string& id) {
  return orgPath(org) + "/tokens/" + seg(id);
}

}  // namespace

ApiClient::ApiClient(HttpTransport& transport, ApiClientConfig config)
    : transport_(transport), config_(std::move(config)) {
  while (!config_.baseUrl.empty() && config_.baseUrl.back() == '/') config_.baseUrl.pop_back();
}

Result<ApiClient::Raw> ApiClient::call(const std::string& method, const std::string& pathAndQuery,
                                       const std::string* jsonBody) {
  HttpRequest req;
  req.method = method;
  req.url = config_.baseUrl + "/v1" + pathAndQuery;
  if (!config_.authorization.empty())
    req.headers.emplace_back("Authorization", config_.authorization);
  for (auto& h : config_.identity.headers()) req.headers.push_back(std::move(h));
  if (jsonBody) {
    req.headers.emplace_back("Content-Type", "application/json");
    req.body = *jsonBody;
  } else if (method == "POST") {
    req.body = std::string();  // Content-Length: 0, no Content-Type
  }
  auto res = transport_.send(req);
  if (!res)
    return Error{core::ErrorCode::Unavailable,
                 "cannot reach the server at " + config_.baseUrl + ": " + res.error().message,
                 {}};
  if (!isSuccess(res->status)) return normalizeApiError(res->status, res->body);
  return Raw{res->status, std::move(res->body), res->header("Content-Type")};
}

namespace {

Result<json::value> parseBody(const ApiClient::Raw& raw, const std::string& base) {
  boost::system::error_code ec;
  auto v = json::parse(raw.body, ec);
  if (ec) {
    std::string type = raw.contentType.empty() ? "no Content-Type" : raw.contentType;
    return Error{core::ErrorCode::Internal,
                 "unexpected response from the server at " + base + ": HTTP " +
                     std::to_string(raw.status) + " with a body that is not JSON (" + type + ")",
                 {}};
  }
  return v;
}

template <typename T, typename F>
Result<T> decode(Result<ApiClient::Raw> raw, const std::string& base, F from) {
  if (!raw) return std::move(raw).error();
  auto v = parseBody(*raw, base);
  if (!v) return std::move(v).error();
  return from(*v);
}

}  // namespace

Result<core::Page<core::Organization>> ApiClient::listOrganizations(int limit, int offset) {
  auto q = "/organizations?limit=" + std::to_string(limit) + "&offset=" + std::to_string(offset);
  return decode<core::Page<core::Organization>>(call("GET", q, nullptr), config_.baseUrl,
                                                core::organizationPageFromJson);
}

Result<core::Organization> ApiClient::getOrganization(const std::string& id) {
  return decode<core::Organization>(call("GET", orgPath(id), nullptr), config_.baseUrl,
                                    core::organizationFromJson);
}

Result<core::SelfUser> ApiClient::getSelfUser(bool createIfNotExist) {
  std::string p = createIfNotExist ? "/users/self?createIfNotExist=true" : "/users/self";
  return decode<core::SelfUser>(call("GET", p, nullptr), config_.baseUrl, core::selfUserFromJson);
}

Result<core::Page<core::ApiToken>> ApiClient::listTokens(const std::string& org,
                                                         const core::TokenListFilter& filter,
                                                         int limit, int offset) {
  // Keys in alphabetical order, as Go's url.Values.Encode() writes them.
  std::string q = orgPath(org) + "/tokens?";
  if (filter.includeOnlyOrganizationTokens) q += "includeOnlyOrganizationTokens=true&";
  q += "limit=" + std::to_string(limit) + "&offset=" + std::to_string(offset);
  if (filter.workspaceId) q += "&workspaceId=" + percentEncode(*filter.workspaceId);
  return decode<core::Page<core::ApiToken>>(call("GET", q, nullptr), config_.baseUrl,
                                            core::apiTokenPageFromJson);
}

Result<core::ApiToken> ApiClient::getToken(const std::string& org, const std::string& id) {
  return decode<core::ApiToken>(call("GET", tokenPath(org, id), nullptr), config_.baseUrl,
                                core::apiTokenFromJson);
}

Result<core::ApiToken> ApiClient::createToken(const std::string& org,
                                              const core::CreateApiTokenRequest& request) {
  std::string body = json::serialize(core::toJson(request));
  return decode<core::ApiToken>(call("POST", orgPath(org) + "/tokens", &body), config_.baseUrl,
                                core::apiTokenFromJson);
}

Result<core::ApiToken> ApiClient::updateToken(const std::string& org, const std::string& id,
                                              const core::UpdateApiTokenRequest& request) {
  std::string body = json::serialize(core::toJson(request));
  return decode<core::ApiToken>(call("POST", tokenPath(org, id), &body), config_.baseUrl,
                                core::apiTokenFromJson);
}

Result<core::SubjectRoles> ApiClient::updateTokenRoles(const std::string& org,
                                                       const std::string& id,
                                                       const core::UpdateApiTokenRolesRequest& r) {
  std::string body = json::serialize(core::toJson(r));
  auto raw = call("POST", tokenPath(org, id) + "/roles", &body);
  if (!raw) return std::move(raw).error();
  if (raw->body.empty()) return core::SubjectRoles{};
  return decode<core::SubjectRoles>(std::move(raw), config_.baseUrl, core::subjectRolesFromJson);
}

Result<core::ApiToken> ApiClient::rotateToken(const std::string& org, const std::string& id) {
  return decode<core::ApiToken>(call("POST", tokenPath(org, id) + "/rotate", nullptr),
                                config_.baseUrl, core::apiTokenFromJson);
}

Result<void> ApiClient::deleteToken(const std::string& org, const std::string& id) {
  auto raw = call("DELETE", tokenPath(org, id), nullptr);
  if (!raw) return std::move(raw).error();
  return {};
}

Result<std::vector<core::Organization>> ApiClient::listAllOrganizations() {
  std::vector<core::Organization> all;
  for (int page = 0; page < 100; ++page) {
    auto p = listOrganizations(100, static_cast<int>(all.size()));
    if (!p) return std::move(p).error();
    if (p->items.empty()) return all;
    for (auto& o : p->items) all.push_back(std::move(o));
    if (static_cast<std::int64_t>(all.size()) >= p->totalCount) return all;
  }
  return Error{core::ErrorCode::Internal, "aborted listing organizations after 100 pages", {}};
}

Result<std::vector<core::ApiToken>> ApiClient::listAllTokens(const std::string& org,
                                                             const core::TokenListFilter& filter) {
  std::vector<core::ApiToken> all;
  for (int offset = 0;; offset += 100) {
    auto p = listTokens(org, filter, 100, offset);
    if (!p) return std::move(p).error();
    for (auto& t : p->items) all.push_back(std::move(t));
    if (p->totalCount <= offset + 100) return all;
  }
}

}  // namespace astro::client
