// The client's issue 3 endpoints over a scripted transport: paths, queries and bodies, the
// pagers of reference §6.5 (users/teams/members offset loop, workspaces Collect with limit 1000
// and sorts=name:asc, the role list's extra request) and the audit-log export's raw body.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>

#include "client/api_client.h"
#include "client/gzip.h"

namespace astro::client {
namespace {

class Scripted : public HttpTransport {
 public:
  std::vector<HttpRequest> seen;
  std::deque<HttpResponse> answers;
  core::Result<HttpResponse> send(const HttpRequest& r) override {
    seen.push_back(r);
    auto a = answers.front();
    answers.pop_front();
    return a;
  }
  void json(int status, std::string body) {
    answers.push_back({status, {{"Content-Type", "application/json"}}, std::move(body)});
  }
};

ApiClient over(Scripted& t) {
  ApiClientConfig c;
  c.baseUrl = "http://h";
  c.authorization = "Bearer tok";
  return ApiClient(t, c);
}

TEST(AccessApiClient, UserPagerAndRoleUpdate) {
  Scripted t;
  std::string items;
  for (int i = 0; i < 100; ++i)
    items += std::string(i ? "," : "") + R"({"id":"u)" + std::to_string(i) + R"(","username":"x"})";
  t.json(200, R"({"users":[)" + items + R"(],"totalCount":150})");
  t.json(200, R"({"users":[{"id":"last","username":"y"}],"totalCount":150})");
  t.json(200, R"({"organizationRole":"ORGANIZATION_OWNER"})");
  auto c = over(t);
  auto all = c.listAllUsers("o");
  ASSERT_TRUE(all.ok()) << all.error().message;
  EXPECT_EQ(all->size(), 101u);
  EXPECT_EQ(t.seen[1].url, "http://h/v1/organizations/o/users?limit=100&offset=100");
  core::UpdateUserRolesRequest r;
  r.organizationRole = "ORGANIZATION_OWNER";
  auto roles = c.updateUserRoles("o", "u1", r);
  ASSERT_TRUE(roles.ok());
  EXPECT_EQ(t.seen[2].url, "http://h/v1/organizations/o/users/u1/roles");
  EXPECT_EQ(*t.seen[2].body, R"({"organizationRole":"ORGANIZATION_OWNER"})");
}

TEST(AccessApiClient, TeamEndpoints) {
  Scripted t;
  t.answers.push_back({204, {}, ""});
  t.answers.push_back({204, {}, ""});
  t.json(200, R"({"teamMembers":[{"userId":"u1","username":"a@b.c"}],"totalCount":1})");
  auto c = over(t);
  EXPECT_TRUE(c.addTeamMembers("o", "t1", {{"u1"}}).ok());
  EXPECT_EQ(*t.seen[0].body, R"({"memberIds":["u1"]})");
  EXPECT_TRUE(c.removeTeamMember("o", "t1", "u1").ok());
  EXPECT_EQ(t.seen[1].method, "DELETE");
  EXPECT_EQ(t.seen[1].url, "http://h/v1/organizations/o/teams/t1/members/u1");
  auto members = c.listAllTeamMembers("o", "t1");
  ASSERT_TRUE(members.ok());
  EXPECT_EQ(members->at(0).username, "a@b.c");
  EXPECT_EQ(t.seen[2].url, "http://h/v1/organizations/o/teams/t1/members?limit=100&offset=0");
}

TEST(AccessApiClient, WorkspacePagerCollectsSortedByName) {
  Scripted t;
  t.json(200, R"({"workspaces":[{"id":"a","name":"A"}],"totalCount":2})");
  t.json(200, R"({"workspaces":[{"id":"b","name":"B"}],"totalCount":2})");
  auto c = over(t);
  auto all = c.listAllWorkspaces("o");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
  EXPECT_EQ(t.seen[0].url,
            "http://h/v1/organizations/o/workspaces?limit=1000&offset=0&sorts=name%3Aasc");
  EXPECT_EQ(t.seen[1].url,
            "http://h/v1/organizations/o/workspaces?limit=1000&offset=1&sorts=name%3Aasc");
}

TEST(AccessApiClient, RoleLoopAsksForDefaultRolesUntilItHasThem) {
  Scripted t;
  t.json(
      200,
      R"({"roles":[{"id":"r1","name":"R"}],"defaultRoles":[{"name":"ORGANIZATION_OWNER"}],"totalCount":1})");
  t.json(200, R"({"roles":[],"totalCount":1})");
  auto c = over(t);
  auto all = c.listAllRoles("o", true);
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(t.seen.size(), 2u);
  EXPECT_EQ(t.seen[0].url,
            "http://h/v1/organizations/o/roles?includeDefaultRoles=true&limit=100&offset=0");
  EXPECT_EQ(t.seen[1].url,
            "http://h/v1/organizations/o/roles?includeDefaultRoles=false&limit=100&offset=100");
  EXPECT_EQ(all->defaultRoles.size(), 1u);
  EXPECT_EQ(all->roles.size(), 1u);
}

TEST(AccessApiClient, AuditExportKeepsTheBodyAndReadsGzipErrors) {
  Scripted t;
  std::string gz = gzipCompress("{\"a\":1}\n");
  t.answers.push_back({200, {{"Content-Encoding", "gzip"}}, gz});
  t.answers.push_back({500, {{"Content-Encoding", "gzip"}}, gzipCompress(R"({"message":"boom"})")});
  auto c = over(t);
  auto body = c.exportAuditLogs("o", "2024-01-10T00:00:00+01:00");
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(*body, gz);
  EXPECT_EQ(t.seen[0].url,
            "http://h/v1/organizations/o/audit-logs?startDate=2024-01-10T00%3A00%3A00%2B01%3A00");
  bool gzipAccepted = false;
  for (auto& [k, v] : t.seen[0].headers) gzipAccepted |= k == "Accept-Encoding" && v == "gzip";
  EXPECT_TRUE(gzipAccepted);
  auto err = c.exportAuditLogs("o", "");
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.error().message, "boom");
  EXPECT_EQ(t.seen[1].url, "http://h/v1/organizations/o/audit-logs");
}

}  // namespace
}  // namespace astro::client
