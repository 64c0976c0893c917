// Workspace and role endpoints: shapes and statuses, validation, filters, 404 across
// organizations, and workspace pagination through HTTP.
#include <boost/json.hpp>

#include <cstdio>

#include "api_expect.h"
#include "api_test_fixture.h"

namespace astro::test {
namespace json = boost::json;

namespace {
void expectWorkspaceShape(const json::object& w) {
  expectStrings(w, {"id", "name", "organizationId"});
  ASSERT_TRUE(w.contains("cicdEnforcedDefault"));
  EXPECT_TRUE(w.at("cicdEnforcedDefault").is_bool());
  expectTimestamp(w, "createdAt");
  expectTimestamp(w, "updatedAt");
}

std::vector<std::string> workspaceNames(const json::value& page) {
  std::vector<std::string> out;
  for (const auto& w : page.at("workspaces").as_array()) out.push_back(str(w.at("name")));
  return out;
}
}  // namespace

TEST_F(ApiTest, WorkspaceCreateGetUpdateDelete) {
  auto r = post(
      orgPath("/workspaces"),
      json::object{{"name", "Production"}, {"description", "prod"}, {"cicdEnforcedDefault", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto ws = r.json().as_object();
  expectWorkspaceShape(ws);
  EXPECT_EQ(str(ws.at("name")), "Production");
  EXPECT_EQ(str(ws.at("organizationId")), orgId);
  EXPECT_TRUE(ws.at("cicdEnforcedDefault").as_bool());
  auto id = str(ws.at("id"));

  r = get(orgPath("/workspaces/" + id));
  ASSERT_EQ(r.status, 200) << r.body;
  expectWorkspaceShape(r.json().as_object());

  r = post(orgPath("/workspaces/" + id), json::object{{"name", "Prod"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(r.json().at("name")), "Prod");

  r = get(orgPath("/workspaces"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("totalCount").as_int64(), 1);
  expectWorkspaceShape(r.json().at("workspaces").as_array().at(0).as_object());

  expectNoContent(del(orgPath("/workspaces/" + id)));
  expectApiError(get(orgPath("/workspaces/" + id)), 404);
  expectApiError(del(orgPath("/workspaces/" + id)), 404);
}

TEST_F(ApiTest, WorkspaceValidationErrorsNameTheirFields) {
  expectFieldError(post(orgPath("/workspaces"), json::object{}), "name");
  expectFieldError(
      post(orgPath("/workspaces"), json::object{{"name", "w"}, {"cicdEnforcedDefault", "yes"}}),
      "cicdEnforcedDefault");
  expectFieldError(post(orgPath("/workspaces"), json::object{{"name", "w"}, {"size", 3}}), "size");
  auto id = createWorkspace("w");
  expectFieldError(post(orgPath("/workspaces/" + id), json::object{{"description", "d"}}), "name");
  expectFieldError(get(orgPath("/workspaces?colour=red")), "colour");
  expectFieldError(get(orgPath("/workspaces?offset=1e3")), "offset");
  expectApiError(get(orgPath("/workspaces?sorts=description:asc")), 400);
  expectFieldError(get(orgPath("/workspaces/" + id + "?a=b")), "a");
}

TEST_F(ApiTest, WorkspaceListFiltersByIdsAndNames) {
  auto a = createWorkspace("alpha");
  createWorkspace("beta");
  auto c = createWorkspace("gamma");
  auto r =
      get(orgPath("/workspaces?workspaceIds=" + a + "&workspaceIds=" + c + "&sorts=name:desc"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(workspaceNames(r.json()), (std::vector<std::string>{"gamma", "alpha"}));
  r = get(orgPath("/workspaces?names=beta"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(workspaceNames(r.json()), (std::vector<std::string>{"beta"}));
}

TEST_F(ApiTest, WorkspacesOfAnotherOrganizationAre404) {
  auto second = addSecondOrganization();
  auto theirs = createWorkspace("theirs", second.orgId, second.token);
  expectApiError(get(orgPath("/workspaces/" + theirs)), 404);
  expectApiError(post(orgPath("/workspaces/" + theirs), json::object{{"name", "mine"}}), 404);
  expectApiError(del(orgPath("/workspaces/" + theirs)), 404);
  expectApiError(get("/v1/organizations/" + second.orgId + "/workspaces"), 404);
  auto ours = createWorkspace("ours");
  expectApiError(get(orgPath("/workspaces/" + ours), second.token), 404);
}

TEST_F(ApiTest, WorkspacePaginationThroughHttpOver250Workspaces) {
  for (int i = 0; i < 250; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "ws-%03d", i);
    createWorkspace(name);
  }
  auto r = get(orgPath("/workspaces?offset=100&limit=100&sorts=name:asc"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("totalCount").as_int64(), 250);
  std::vector<std::string> expected;
  for (int i = 100; i < 200; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "ws-%03d", i);
    expected.push_back(name);
  }
  EXPECT_EQ(workspaceNames(r.json()), expected);
  r = get(orgPath("/workspaces?offset=100&limit=100&sorts=name:desc"));
  ASSERT_EQ(r.status, 200) << r.body;
  expected.clear();
  for (int i = 149; i >= 50; --i) {
    char name[16];
    std::snprintf(name, sizeof name, "ws-%03d", i);
    expected.push_back(name);
  }
  EXPECT_EQ(workspaceNames(r.json()), expected);
}

TEST_F(ApiTest, RolesListWithAndWithoutDefaultRoles) {
  auto r = get(orgPath("/roles"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto page = r.json().as_object();
  EXPECT_TRUE(page.at("roles").is_array());
  EXPECT_EQ(page.at("totalCount").as_int64(), 0);
  EXPECT_EQ(page.at("limit").as_int64(), 20);
  EXPECT_EQ(page.at("offset").as_int64(), 0);
  EXPECT_FALSE(page.contains("defaultRoles")) << r.body;

  r = get(orgPath("/roles?includeDefaultRoles=true&limit=100&offset=0"));
  ASSERT_EQ(r.status, 200) << r.body;
  page = r.json().as_object();
  ASSERT_TRUE(page.contains("defaultRoles")) << r.body;
  auto& defaults = page.at("defaultRoles").as_array();
  ASSERT_EQ(defaults.size(), 7u);
  std::vector<std::string> roleNames;
  for (const auto& d : defaults) {
    expectStrings(d.as_object(), {"name", "scopeType"});
    EXPECT_TRUE(d.at("permissions").is_array());
    roleNames.push_back(str(d.at("name")));
  }
  EXPECT_EQ(roleNames.front(), "ORGANIZATION_OWNER");
  EXPECT_EQ(page.at("totalCount").as_int64(), 0);  // custom roles only

  r = get(orgPath("/roles?includeDefaultRoles=true&scopeTypes=WORKSPACE"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto workspaceOnly = r.json();
  for (const auto& d : workspaceOnly.at("defaultRoles").as_array())
    EXPECT_EQ(str(d.at("scopeType")), "WORKSPACE");
  EXPECT_EQ(workspaceOnly.at("defaultRoles").as_array().size(), 4u);

  expectFieldError(get(orgPath("/roles?includeDefaultRoles=yes")), "includeDefaultRoles");
  expectFieldError(get(orgPath("/roles?scopeTypes=GALAXY")), "scopeTypes");
  expectFieldError(get(orgPath("/roles?colour=red")), "colour");
  expectApiError(get(orgPath("/roles?sorts=colour:asc")), 400);
  for (auto sort : {"createdAt", "description", "name", "scopeType", "updatedAt"}) {
    EXPECT_EQ(get(orgPath("/roles?sorts=") + sort + ":desc").status, 200) << sort;
  }
  auto second = addSecondOrganization();
  expectApiError(get("/v1/organizations/" + second.orgId + "/roles"), 404);
}

TEST_F(ApiTest, PostOrganizationIs405UntilTheServiceCanUpdateOne) {
  auto r = post(orgPath(), json::object{{"name", "Renamed"}});
  expectApiError(r, 405);
  EXPECT_EQ(r.header("Allow"), "GET, HEAD");
}

}  // namespace astro::test
