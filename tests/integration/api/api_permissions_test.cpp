// The permission table (issue 3): every route of the router with its expected status for an
// ORGANIZATION_MEMBER token, an ORGANIZATION_BILLING_ADMIN token and, for contrast, the OWNER
// token. The test walks the router's own route list, so a new endpoint without an entry here
// fails it. Requests are valid (real ids, valid bodies): a 403 is the permission decision, not
// a validation artefact. Also: 415 and malformed JSON on every POST route.
#include <boost/json.hpp>

#include <map>
#include <set>
#include <string>

#include "api_expect.h"
#include "api_test_fixture.h"
#include "core/ids.h"
#include "server/handlers/api_routes.h"

namespace astro::test {
namespace json = boost::json;

namespace {

std::vector<std::pair<std::string, std::string>> routerRoutes() {
  server::handlers::ApiRouter router;
  server::handlers::addApiRoutes(router);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : router.routes())
    out.emplace_back(std::string(server::http::toString(r.method)), std::string(r.pathTemplate));
  return out;
}

bool isHealthRoute(const std::string& path) {
  return path == "/healthz" || path == "/readyz" || path == "/metrics";
}

// Replaces every "{name}" in `path` with the value `ids` gives for it; {id} depends on the
// resource segment just before it ("tokens", "teams", ...).
std::string resolve(const std::string& path, const std::map<std::string, std::string>& ids) {
  std::string out;
  std::string previous;
  std::size_t pos = 0;
  while (pos < path.size()) {
    auto slash = path.find('/', pos + 1);
    std::string seg =
        path.substr(pos + 1, slash == std::string::npos ? std::string::npos : slash - pos - 1);
    out += '/';
    if (seg.size() > 2 && seg.front() == '{') {
      std::string key = seg == "{id}" ? previous + "/{id}" : seg;
      auto it = ids.find(key);
      if (it == ids.end()) {
        ADD_FAILURE() << "no id for " << key << " in " << path;
        out += "unknown";
      } else {
        out += it->second;
      }
    } else {
      out += seg;
    }
    previous = seg;
    if (slash == std::string::npos) break;
    pos = slash;
  }
  return out;
}

struct Expected {
  int member;
  int billingAdmin;
  int owner;
};

// Bodies are built per call (names must be unique); "" means no body.
using BodyFn = std::string (*)(const std::map<std::string, std::string>& ids, int n);

struct Entry {
  Expected expected;
  BodyFn body = nullptr;
};

std::string noBody(const std::map<std::string, std::string>&, int) {
  return "";
}

const std::map<std::string, Entry>& permissionTable() {
  // reads any member may do -> 200; OWNER-only -> 403 for MEMBER and BILLING_ADMIN.
  static const std::map<std::string, Entry> table = {
      {"GET /v1/organizations", {{200, 200, 200}}},
      {"GET /v1/organizations/{org}", {{200, 200, 200}}},
      // An API token is not a user: 403 whatever its role.
      {"GET /v1/users/self", {{403, 403, 403}}},

      {"GET /v1/organizations/{org}/tokens", {{403, 403, 200}}},
      {"POST /v1/organizations/{org}/tokens",
       {{403, 403, 200},
        [](const auto&, int n) {
          return json::serialize(json::object{{"name", "perm " + std::to_string(n)},
                                              {"role", "ORGANIZATION_MEMBER"},
                                              {"scope", "ORGANIZATION"}});
        }}},
      {"GET /v1/organizations/{org}/tokens/{id}", {{403, 403, 200}}},
      {"POST /v1/organizations/{org}/tokens/{id}",
       {{403, 403, 200},
        [](const auto&, int n) {
          return json::serialize(json::object{{"name", "renamed " + std::to_string(n)}});
        }}},
      {"DELETE /v1/organizations/{org}/tokens/{id}", {{403, 403, 204}}},
      {"POST /v1/organizations/{org}/tokens/{id}/roles",
       {{403, 403, 200},
        [](const auto& ids, int) {
          return json::serialize(
              json::object{{"roles", json::array{json::object{{"entityType", "ORGANIZATION"},
                                                              {"entityId", ids.at("{org}")},
                                                              {"role", "ORGANIZATION_MEMBER"}}}}});
        }}},
      {"POST /v1/organizations/{org}/tokens/{id}/rotate", {{403, 403, 200}}},

      {"GET /v1/organizations/{org}/users", {{200, 200, 200}}},
      {"GET /v1/organizations/{org}/users/{id}", {{200, 200, 200}}},
      {"DELETE /v1/organizations/{org}/users/{id}", {{403, 403, 204}}},
      {"POST /v1/organizations/{org}/users/{id}/roles",
       {{403, 403, 200},
        [](const auto&, int) {
          return json::serialize(json::object{{"organizationRole", "ORGANIZATION_BILLING_ADMIN"}});
        }}},

      {"POST /v1/organizations/{org}/invites",
       {{403, 403, 200},
        [](const auto&, int n) {
          return json::serialize(
              json::object{{"inviteeEmail", "invitee" + std::to_string(n) + "@example.com"},
                           {"role", "ORGANIZATION_MEMBER"}});
        }}},
      {"DELETE /v1/organizations/{org}/invites/{id}", {{403, 403, 204}}},

      {"GET /v1/organizations/{org}/teams", {{200, 200, 200}}},
      {"POST /v1/organizations/{org}/teams",
       {{403, 403, 200},
        [](const auto&, int n) {
          return json::serialize(json::object{{"name", "perm team " + std::to_string(n)}});
        }}},
      {"GET /v1/organizations/{org}/teams/{id}", {{200, 200, 200}}},
      {"POST /v1/organizations/{org}/teams/{id}",
       {{403, 403, 200},
        [](const auto&, int n) {
          return json::serialize(json::object{{"name", "renamed team " + std::to_string(n)}});
        }}},
      {"DELETE /v1/organizations/{org}/teams/{id}", {{403, 403, 204}}},
      {"GET /v1/organizations/{org}/teams/{id}/members", {{200, 200, 200}}},
      {"POST /v1/organizations/{org}/teams/{id}/members",
       {{403, 403, 204},
        [](const auto& ids, int) {
          return json::serialize(json::object{{"memberIds", json::array{ids.at("newMember")}}});
        }}},
      {"DELETE /v1/organizations/{org}/teams/{id}/members/{userId}", {{403, 403, 204}}},
      {"POST /v1/organizations/{org}/teams/{id}/roles",
       {{403, 403, 200},
        [](const auto&, int) {
          return json::serialize(json::object{{"organizationRole", "ORGANIZATION_BILLING_ADMIN"}});
        }}},

      {"GET /v1/organizations/{org}/roles", {{200, 200, 200}}},

      // Any member may list and create workspaces; a workspace the token holds no role on is
      // invisible to it (404), so changing it is 404 too.
      {"GET /v1/organizations/{org}/workspaces", {{200, 200, 200}}},
      {"POST /v1/organizations/{org}/workspaces",
       {{200, 200, 200},
        [](const auto&, int n) {
          return json::serialize(json::object{{"name", "perm ws " + std::to_string(n)}});
        }}},
      {"GET /v1/organizations/{org}/workspaces/{id}", {{404, 404, 200}}},
      {"POST /v1/organizations/{org}/workspaces/{id}",
       {{404, 404, 200},
        [](const auto&, int n) {
          return json::serialize(json::object{{"name", "renamed ws " + std::to_string(n)}});
        }}},
      {"DELETE /v1/organizations/{org}/workspaces/{id}", {{404, 404, 204}}},

      {"GET /v1/organizations/{org}/audit-logs", {{403, 403, 200}}},
  };
  return table;
}

}  // namespace

class PermissionTableTest : public ApiTest {
 protected:
  // Fresh objects for one table entry, so an OWNER delete never affects the next entry.
  std::map<std::string, std::string> freshIds(int n) {
    std::map<std::string, std::string> ids;
    auto tag = std::to_string(n);
    ids["{org}"] = orgId;
    ids["tokens/{id}"] = str(createToken("target " + tag, "ORGANIZATION_MEMBER").at("id"));
    ids["users/{id}"] = addMember("user" + tag + "@example.com");
    std::string teamMember = addMember("teammate" + tag + "@example.com");
    ids["newMember"] = addMember("newcomer" + tag + "@example.com");
    auto team = post(orgPath("/teams"), json::object{{"name", "target team " + tag},
                                                     {"memberIds", json::array{teamMember}}});
    EXPECT_EQ(team.status, 200) << team.body;
    ids["teams/{id}"] = team.status == 200 ? str(team.json().at("id")) : "unknown";
    ids["{userId}"] = teamMember;
    ids["workspaces/{id}"] = createWorkspace("target ws " + tag);
    auto invite =
        post(orgPath("/invites"), json::object{{"inviteeEmail", "pending" + tag + "@example.com"},
                                               {"role", "ORGANIZATION_MEMBER"}});
    EXPECT_EQ(invite.status, 200) << invite.body;
    ids["invites/{id}"] = invite.status == 200 ? str(invite.json().at("inviteId")) : "unknown";
    return ids;
  }
};

TEST_F(PermissionTableTest, EveryRouteHasAnEntryAndEveryEntryARoute) {
  const auto& table = permissionTable();
  std::set<std::string> routed;
  for (const auto& [method, path] : routerRoutes()) {
    if (isHealthRoute(path)) continue;
    auto key = method + " " + path;
    routed.insert(key);
    EXPECT_TRUE(table.count(key)) << "route without a permission table entry: " << key;
  }
  for (const auto& [key, entry] : table)
    EXPECT_TRUE(routed.count(key)) << "table entry for a route that does not exist: " << key;
  EXPECT_GE(routed.size(), 30u);
}

TEST_F(PermissionTableTest, MemberBillingAdminAndOwnerGetTheTablesStatus) {
  const std::string member = tokenWithRole("ORGANIZATION_MEMBER");
  const std::string billingAdmin = tokenWithRole("ORGANIZATION_BILLING_ADMIN");
  const auto& table = permissionTable();
  int n = 0;
  for (const auto& [method, path] : routerRoutes()) {
    if (isHealthRoute(path)) continue;
    auto key = method + " " + path;
    auto it = table.find(key);
    if (it == table.end()) continue;  // reported by the test above
    const Entry& entry = it->second;
    BodyFn bodyFn = entry.body ? entry.body : &noBody;
    struct Who {
      const char* name;
      const std::string& token;
      int expected;
    };
    for (const Who& who : {Who{"MEMBER", member, entry.expected.member},
                           Who{"BILLING_ADMIN", billingAdmin, entry.expected.billingAdmin},
                           Who{"OWNER", ownerToken, entry.expected.owner}}) {
      ++n;
      auto ids = freshIds(n);
      auto target = resolve(path, ids);
      auto r = call(method, target, bodyFn(ids, n), who.token);
      EXPECT_EQ(r.status, who.expected)
          << who.name << " " << key << " (" << target << "): " << r.body;
      if (r.status == 403) expectApiError(r, 403);
      if (r.status == 204) expectNoContent(r);
    }
  }
  EXPECT_EQ(n, 3 * static_cast<int>(table.size())) << "every entry ran for the three tokens";
}

TEST_F(ApiTest, EveryPostRouteAnswers415ForANonJsonBodyAnd400ForMalformedJson) {
  int posts = 0;
  for (const auto& [method, path] : routerRoutes()) {
    if (method != "POST") continue;
    ++posts;
    // Ids need not exist: the body is read before the service looks anything up.
    std::map<std::string, std::string> ids = {
        {"{org}", orgId},
        {"tokens/{id}", ownerTokenId},
        {"users/{id}", ownerUserId},
        {"teams/{id}", core::generateId(service::osRandomBytes())},
        {"workspaces/{id}", "cworkspace00000000000000000"},
        {"organizations/{id}", orgId}};
    auto target = resolve(path, ids);
    auto r = call("POST", target, R"({"name":"x"})", ownerToken, {{"Content-Type", "text/plain"}});
    expectApiError(r, 415);
    r = call("POST", target, R"({"name":)", ownerToken);
    expectApiError(r, 400);
    if (r.status == 400) {
      EXPECT_EQ(std::string(r.json().at("message").as_string()).rfind("Malformed JSON", 0), 0u)
          << method << " " << path << ": " << r.body;
    }
  }
  EXPECT_GE(posts, 12);
}

}  // namespace astro::test
