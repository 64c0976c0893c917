// Team endpoints: shapes and statuses, validation, 404 across organizations, 409 on a duplicate
// name in any case, members, roles, and pagination through HTTP over 250 teams.
#include <boost/json.hpp>

#include <cstdio>

#include "api_expect.h"
#include "api_test_fixture.h"

namespace astro::test {
namespace json = boost::json;

namespace {
void expectTeamShape(const json::object& t) {
  expectStrings(t, {"id", "name", "organizationId", "organizationRole"});
  ASSERT_TRUE(t.contains("isIdpManaged"));
  EXPECT_TRUE(t.at("isIdpManaged").is_bool());
  expectTimestamp(t, "createdAt");
  expectTimestamp(t, "updatedAt");
}

std::vector<std::string> names(const json::value& page, const char* key) {
  std::vector<std::string> out;
  for (const auto& t : page.at(key).as_array()) out.push_back(str(t.at("name")));
  return out;
}
}  // namespace

TEST_F(ApiTest, TeamCreateGetUpdateDelete) {
  auto alice = addMember("alice@example.com");
  auto r = post(orgPath("/teams"), json::object{{"name", "Data Eng"},
                                                {"description", "pipelines"},
                                                {"memberIds", json::array{alice}},
                                                {"organizationRole", "ORGANIZATION_MEMBER"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  auto team = r.json().as_object();
  expectTeamShape(team);
  EXPECT_EQ(str(team.at("name")), "Data Eng");
  EXPECT_EQ(str(team.at("description")), "pipelines");
  EXPECT_EQ(str(team.at("organizationId")), orgId);
  EXPECT_EQ(str(team.at("organizationRole")), "ORGANIZATION_MEMBER");
  auto id = str(team.at("id"));

  r = get(orgPath("/teams/" + id));
  ASSERT_EQ(r.status, 200) << r.body;
  expectTeamShape(r.json().as_object());
  EXPECT_EQ(str(r.json().at("id")), id);

  r = post(orgPath("/teams/" + id), json::object{{"name", "Data Platform"}, {"description", ""}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(r.json().at("name")), "Data Platform");

  r = get(orgPath("/teams"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("totalCount").as_int64(), 1);
  EXPECT_EQ(r.json().at("limit").as_int64(), 20);
  EXPECT_EQ(r.json().at("offset").as_int64(), 0);
  expectTeamShape(r.json().at("teams").as_array().at(0).as_object());

  expectNoContent(del(orgPath("/teams/" + id)));
  expectApiError(get(orgPath("/teams/" + id)), 404);
  expectApiError(del(orgPath("/teams/" + id)), 404);
}

TEST_F(ApiTest, TeamValidationErrorsNameTheirFields) {
  expectFieldError(post(orgPath("/teams"), json::object{}), "name");
  expectFieldError(post(orgPath("/teams"), json::object{{"name", 5}}), "name");
  expectFieldError(post(orgPath("/teams"), json::object{{"name", "a"}, {"colour", "red"}}),
                   "colour");
  expectFieldError(
      post(orgPath("/teams"), json::object{{"name", "a"}, {"organizationRole", "KING"}}),
      "organizationRole");
  auto id = createTeam("t");
  expectFieldError(post(orgPath("/teams/" + id), json::object{{"description", "x"}}), "name");
  expectFieldError(post(orgPath("/teams/" + id + "/members"), json::object{}), "memberIds");
  expectFieldError(post(orgPath("/teams/" + id + "/roles"), json::object{}), "organizationRole");
  expectFieldError(
      post(orgPath("/teams/" + id + "/roles"), json::object{{"organizationRole", "KING"}}),
      "organizationRole");
  // Query parameters are strict.
  expectFieldError(get(orgPath("/teams?colour=red")), "colour");
  expectFieldError(get(orgPath("/teams?offset=x")), "offset");
  expectFieldError(get(orgPath("/teams?limit=1.5")), "limit");
  expectApiError(get(orgPath("/teams?sorts=colour:asc")), 400);
  expectApiError(get(orgPath("/teams?sorts=name:sideways")), 400);
  expectApiError(get(orgPath("/teams?limit=1001")), 400);
  expectFieldError(get(orgPath("/teams/" + id + "?x=1")), "x");
  expectFieldError(get(orgPath("/teams/" + id + "/members?sorts=name:asc&y=2")), "y");
}

TEST_F(ApiTest, DuplicateTeamNameInAnyCaseIs409) {
  createTeam("Platform");
  expectApiError(post(orgPath("/teams"), json::object{{"name", "platform"}}), 409);
  expectApiError(post(orgPath("/teams"), json::object{{"name", "PLATFORM"}}), 409);
  auto other = createTeam("Other");
  expectApiError(post(orgPath("/teams/" + other), json::object{{"name", "pLaTfOrM"}}), 409);
}

TEST_F(ApiTest, TeamsOfAnotherOrganizationAre404) {
  auto second = addSecondOrganization();
  auto r = call("POST", "/v1/organizations/" + second.orgId + "/teams", R"({"name":"theirs"})",
                second.token);
  ASSERT_EQ(r.status, 200) << r.body;
  auto theirTeam = str(r.json().at("id"));
  // Their team through our organization's path: 404, as for an id that never existed.
  expectApiError(get(orgPath("/teams/" + theirTeam)), 404);
  expectApiError(post(orgPath("/teams/" + theirTeam), json::object{{"name", "mine"}}), 404);
  expectApiError(del(orgPath("/teams/" + theirTeam)), 404);
  expectApiError(get(orgPath("/teams/" + theirTeam + "/members")), 404);
  expectApiError(get(orgPath("/teams/cnotateamnotateamnotateam")), 404);
  // Their organization with our token: 404 (its existence is not revealed).
  expectApiError(get("/v1/organizations/" + second.orgId + "/teams"), 404);
  expectApiError(get("/v1/organizations/" + second.orgId + "/teams/" + theirTeam), 404);
  // Our team with their token: 404.
  auto ours = createTeam("ours");
  expectApiError(get(orgPath("/teams/" + ours), second.token), 404);
}

TEST_F(ApiTest, TeamMembersAddListRemove) {
  auto alice = addMember("alice@example.com");
  auto bob = addMember("bob@example.com");
  auto team = createTeam("Analysts");
  auto members = orgPath("/teams/" + team + "/members");

  auto r = post(members, json::object{{"memberIds", json::array{alice, bob}}});
  expectNoContent(r);

  r = get(members + "?sorts=username:asc");
  ASSERT_EQ(r.status, 200) << r.body;
  auto page = r.json().as_object();
  EXPECT_EQ(page.at("totalCount").as_int64(), 2);
  auto& list = page.at("teamMembers").as_array();
  ASSERT_EQ(list.size(), 2u);
  expectStrings(list[0].as_object(), {"userId", "username"});
  EXPECT_EQ(str(list[0].at("userId")), alice);
  EXPECT_EQ(str(list[0].at("username")), "alice@example.com");
  EXPECT_EQ(str(list[1].at("userId")), bob);

  // A user who is not a member of the organization cannot join a team.
  auto second = addSecondOrganization();
  auto stranger = addMember("stranger@example.com", core::OrgRole::Member, second.orgId);
  auto bad = post(members, json::object{{"memberIds", json::array{stranger}}});
  EXPECT_TRUE(bad.status == 400 || bad.status == 404) << bad.body;

  expectNoContent(del(members + "/" + bob));
  r = get(members);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("totalCount").as_int64(), 1);
  expectApiError(del(members + "/" + bob), 404);
  expectApiError(del(orgPath("/teams/cnotateamnotateamnotateam/members/" + alice)), 404);
}

TEST_F(ApiTest, TeamRolesReturnSubjectRoles) {
  auto team = createTeam("Billing");
  auto r = post(orgPath("/teams/" + team + "/roles"),
                json::object{{"organizationRole", "ORGANIZATION_BILLING_ADMIN"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(r.json().at("organizationRole")), "ORGANIZATION_BILLING_ADMIN");
  r = get(orgPath("/teams/" + team));
  EXPECT_EQ(str(r.json().at("organizationRole")), "ORGANIZATION_BILLING_ADMIN");
  expectApiError(post(orgPath("/teams/cnotateamnotateamnotateam/roles"),
                      json::object{{"organizationRole", "ORGANIZATION_MEMBER"}}),
                 404);
}

TEST_F(ApiTest, TeamListFiltersByNames) {
  createTeam("Alpha");
  createTeam("Beta");
  createTeam("Gamma");
  auto r = get(orgPath("/teams?names=alpha&names=Gamma&sorts=name:asc"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(names(r.json(), "teams"), (std::vector<std::string>{"Alpha", "Gamma"}));
  EXPECT_EQ(r.json().at("totalCount").as_int64(), 2);
}

TEST_F(ApiTest, TeamPaginationThroughHttpOver250Teams) {
  for (int i = 0; i < 250; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "team-%03d", i);
    createTeam(name);
  }
  auto r = get(orgPath("/teams?offset=100&limit=100&sorts=name:asc"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto page = r.json();
  EXPECT_EQ(page.at("totalCount").as_int64(), 250);
  EXPECT_EQ(page.at("offset").as_int64(), 100);
  EXPECT_EQ(page.at("limit").as_int64(), 100);
  std::vector<std::string> expected;
  for (int i = 100; i < 200; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "team-%03d", i);
    expected.push_back(name);
  }
  EXPECT_EQ(names(page, "teams"), expected);

  r = get(orgPath("/teams?offset=100&limit=100&sorts=name:desc"));
  ASSERT_EQ(r.status, 200) << r.body;
  expected.clear();
  for (int i = 149; i >= 50; --i) {
    char name[16];
    std::snprintf(name, sizeof name, "team-%03d", i);
    expected.push_back(name);
  }
  EXPECT_EQ(names(r.json(), "teams"), expected);

  r = get(orgPath("/teams?offset=200&limit=100&sorts=name:asc"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("teams").as_array().size(), 50u);
  EXPECT_EQ(str(r.json().at("teams").as_array().back().at("name")), "team-249");
}

}  // namespace astro::test
