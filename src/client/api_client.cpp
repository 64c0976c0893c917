#include "client/api_client.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "client/api_error.h"
#include "client/gzip.h"
#include "client/url.h"
#include "core/json/access_json.h"
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
std::string userPath(const std::string& org, const std::string& id) {
  return orgPath(org) + "/users/" + seg(id);
}
std::string teamPath(const std::string& org, const std::string& id) {
  return orgPath(org) + "/teams/" + seg(id);
}
std::string workspacePath(const std::string& org, const std::string& id) {
  return orgPath(org) + "/workspaces/" + seg(id);
}
std::string pageQuery(int limit, int offset) {
  return "limit=" + std::to_string(limit) + "&offset=" + std::to_string(offset);
}

}  // namespace

ApiClient::ApiClient(HttpTransport& transport, ApiClientConfig config)
    : transport_(transport), config_(std::move(config)) {
  while (!config_.baseUrl.empty() && config_.baseUrl.back() == '/') config_.baseUrl.pop_back();
}

Result<ApiClient::Raw> ApiClient::call(const std::string& method, const std::string& pathAndQuery,
                                       const std::string* jsonBody, const Headers& extraHeaders) {
  HttpRequest req;
  req.method = method;
  req.url = config_.baseUrl + "/v1" + pathAndQuery;
  if (!config_.authorization.empty())
    req.headers.emplace_back("Authorization", config_.authorization);
  for (auto& h : config_.identity.headers()) req.headers.push_back(std::move(h));
  for (const auto& h : extraHeaders) req.headers.push_back(h);
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
  if (!isSuccess(res->status)) {
    // An error body may come gzip-encoded when we asked for gzip; read the JSON inside.
    if (isGzip(res->body))
      if (auto plain = gzipDecompress(res->body)) return normalizeApiError(res->status, *plain);
    return normalizeApiError(res->status, res->body);
  }
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

namespace {

Result<void> discard(Result<ApiClient::Raw> raw) {
  if (!raw) return std::move(raw).error();
  return {};
}

}  // namespace

// ---- users, invites

Result<core::Page<core::User>> ApiClient::listUsers(const std::string& org, int limit, int offset) {
  return decode<core::Page<core::User>>(
      call("GET", orgPath(org) + "/users?" + pageQuery(limit, offset), nullptr), config_.baseUrl,
      core::userPageFromJson);
}

Result<core::User> ApiClient::getUser(const std::string& org, const std::string& id) {
  return decode<core::User>(call("GET", userPath(org, id), nullptr), config_.baseUrl,
                            core::userFromJson);
}

Result<core::SubjectRoles> ApiClient::updateUserRoles(const std::string& org, const std::string& id,
                                                      const core::UpdateUserRolesRequest& r) {
  std::string body = json::serialize(core::toJson(r));
  auto raw = call("POST", userPath(org, id) + "/roles", &body);
  if (!raw) return std::move(raw).error();
  if (raw->body.empty()) return core::SubjectRoles{};
  return decode<core::SubjectRoles>(std::move(raw), config_.baseUrl, core::subjectRolesFromJson);
}

Result<void> ApiClient::removeUser(const std::string& org, const std::string& id) {
  return discard(call("DELETE", userPath(org, id), nullptr));
}

Result<core::Invite> ApiClient::createInvite(const std::string& org,
                                             const core::CreateUserInviteRequest& r) {
  std::string body = json::serialize(core::toJson(r));
  return decode<core::Invite>(call("POST", orgPath(org) + "/invites", &body), config_.baseUrl,
                              core::inviteFromJson);
}

Result<void> ApiClient::deleteInvite(const std::string& org, const std::string& id) {
  return discard(call("DELETE", orgPath(org) + "/invites/" + seg(id), nullptr));
}

// ---- teams

Result<core::Page<core::Team>> ApiClient::listTeams(const std::string& org, int limit, int offset) {
  return decode<core::Page<core::Team>>(
      call("GET", orgPath(org) + "/teams?" + pageQuery(limit, offset), nullptr), config_.baseUrl,
      core::teamPageFromJson);
}

Result<core::Team> ApiClient::createTeam(const std::string& org, const core::CreateTeamRequest& r) {
  std::string body = json::serialize(core::toJson(r));
  return decode<core::Team>(call("POST", orgPath(org) + "/teams", &body), config_.baseUrl,
                            core::teamFromJson);
}

Result<core::Team> ApiClient::getTeam(const std::string& org, const std::string& id) {
  return decode<core::Team>(call("GET", teamPath(org, id), nullptr), config_.baseUrl,
                            core::teamFromJson);
}

Result<core::Team> ApiClient::updateTeam(const std::string& org, const std::string& id,
                                         const core::UpdateTeamRequest& r) {
  std::string body = json::serialize(core::toJson(r));
  return decode<core::Team>(call("POST", teamPath(org, id), &body), config_.baseUrl,
                            core::teamFromJson);
}

Result<void> ApiClient::deleteTeam(const std::string& org, const std::string& id) {
  return discard(call("DELETE", teamPath(org, id), nullptr));
}

Result<core::Page<core::TeamMember>> ApiClient::listTeamMembers(const std::string& org,
                                                                const std::string& teamId,
                                                                int limit, int offset) {
  return decode<core::Page<core::TeamMember>>(
      call("GET", teamPath(org, teamId) + "/members?" + pageQuery(limit, offset), nullptr),
      config_.baseUrl, core::teamMemberPageFromJson);
}

Result<void> ApiClient::addTeamMembers(const std::string& org, const std::string& teamId,
                                       const core::AddTeamMembersRequest& r) {
  std::string body = json::serialize(core::toJson(r));
  return discard(call("POST", teamPath(org, teamId) + "/members", &body));
}

Result<void> ApiClient::removeTeamMember(const std::string& org, const std::string& teamId,
                                         const std::string& userId) {
  return discard(call("DELETE", teamPath(org, teamId) + "/members/" + seg(userId), nullptr));
}

Result<core::SubjectRoles> ApiClient::updateTeamRoles(const std::string& org,
                                                      const std::string& teamId,
                                                      const core::UpdateTeamRolesRequest& r) {
  std::string body = json::serialize(core::toJson(r));
  auto raw = call("POST", teamPath(org, teamId) + "/roles", &body);
  if (!raw) return std::move(raw).error();
  if (raw->body.empty()) return core::SubjectRoles{};
  return decode<core::SubjectRoles>(std::move(raw), config_.baseUrl, core::subjectRolesFromJson);
}

// ---- roles

Result<core::RolesPage> ApiClient::listRoles(const std::string& org, bool includeDefaultRoles,
                                             int limit, int offset) {
  std::string q = orgPath(org) +
                  "/roles?includeDefaultRoles=" + (includeDefaultRoles ? "true&" : "false&") +
                  pageQuery(limit, offset);
  return decode<core::RolesPage>(call("GET", q, nullptr), config_.baseUrl, core::rolesPageFromJson);
}

// ---- workspaces

Result<core::Page<core::Workspace>> ApiClient::listWorkspaces(const std::string& org, int limit,
                                                              int offset) {
  std::string q = orgPath(org) + "/workspaces?" + pageQuery(limit, offset) +
                  "&sorts=" + percentEncode("name:asc");
  return decode<core::Page<core::Workspace>>(call("GET", q, nullptr), config_.baseUrl,
                                             core::workspacePageFromJson);
}

Result<core::Workspace> ApiClient::createWorkspace(const std::string& org,
                                                   const core::CreateWorkspaceRequest& r) {
  std::string body = json::serialize(core::toJson(r));
  return decode<core::Workspace>(call("POST", orgPath(org) + "/workspaces", &body), config_.baseUrl,
                                 core::workspaceFromJson);
}

Result<core::Workspace> ApiClient::getWorkspace(const std::string& org, const std::string& id) {
  return decode<core::Workspace>(call("GET", workspacePath(org, id), nullptr), config_.baseUrl,
                                 core::workspaceFromJson);
}

Result<core::Workspace> ApiClient::updateWorkspace(const std::string& org, const std::string& id,
                                                   const core::UpdateWorkspaceRequest& r) {
  std::string body = json::serialize(core::toJson(r));
  return decode<core::Workspace>(call("POST", workspacePath(org, id), &body), config_.baseUrl,
                                 core::workspaceFromJson);
}

Result<void> ApiClient::deleteWorkspace(const std::string& org, const std::string& id) {
  return discard(call("DELETE", workspacePath(org, id), nullptr));
}

// ---- audit log

Result<std::string> ApiClient::exportAuditLogs(const std::string& org,
                                               const std::string& startDate) {
  std::string q = orgPath(org) + "/audit-logs";
  if (!startDate.empty()) q += "?startDate=" + percentEncode(startDate);
  auto raw = call("GET", q, nullptr, {{"Accept-Encoding", "gzip"}});
  if (!raw) return std::move(raw).error();
  return std::move(raw->body);
}

// ---- pagers

Result<std::vector<core::User>> ApiClient::listAllUsers(const std::string& org) {
  std::vector<core::User> all;
  for (int offset = 0;; offset += 100) {
    auto p = listUsers(org, 100, offset);
    if (!p) return std::move(p).error();
    for (auto& u : p->items) all.push_back(std::move(u));
    if (p->totalCount <= offset + 100) return all;
  }
}

Result<std::vector<core::Team>> ApiClient::listAllTeams(const std::string& org) {
  std::vector<core::Team> all;
  for (int offset = 0;; offset += 100) {
    auto p = listTeams(org, 100, offset);
    if (!p) return std::move(p).error();
    for (auto& t : p->items) all.push_back(std::move(t));
    if (p->totalCount <= offset + 100) return all;
  }
}

Result<std::vector<core::TeamMember>> ApiClient::listAllTeamMembers(const std::string& org,
                                                                    const std::string& teamId) {
  std::vector<core::TeamMember> all;
  for (int offset = 0;; offset += 100) {
    auto p = listTeamMembers(org, teamId, 100, offset);
    if (!p) return std::move(p).error();
    for (auto& m : p->items) all.push_back(std::move(m));
    if (p->totalCount <= offset + 100) return all;
  }
}

Result<std::vector<core::Workspace>> ApiClient::listAllWorkspaces(const std::string& org) {
  std::vector<core::Workspace> all;
  for (int page = 0; page < 100; ++page) {
    auto p = listWorkspaces(org, 1000, static_cast<int>(all.size()));
    if (!p) return std::move(p).error();
    if (p->items.empty()) return all;
    for (auto& w : p->items) all.push_back(std::move(w));
    if (static_cast<std::int64_t>(all.size()) >= p->totalCount) return all;
  }
  return Error{core::ErrorCode::Internal, "aborted listing workspaces after 100 pages", {}};
}

Result<ApiClient::AllRoles> ApiClient::listAllRoles(const std::string& org,
                                                    bool includeDefaultRoles) {
  AllRoles all;
  bool haveDefaults = false;
  for (int offset = 0;; offset += 100) {
    auto p = listRoles(org, includeDefaultRoles && !haveDefaults, 100, offset);
    if (!p) return std::move(p).error();
    if (includeDefaultRoles && !haveDefaults && p->defaultRoles && !p->defaultRoles->empty()) {
      all.defaultRoles = std::move(*p->defaultRoles);
      haveDefaults = true;
    }
    for (auto& r : p->roles) all.roles.push_back(std::move(r));
    if (p->totalCount <= offset) return all;
  }
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
