// Organization user endpoints and invites: shapes and statuses, validation, 404 across
// organizations, 409 for the last owner and for inviting an existing member.
#include <boost/json.hpp>

#include "api_expect.h"
#include "api_test_fixture.h"

namespace astro::test {
namespace json = boost::json;

namespace {
void expectUserShape(const json::object& u) {
  expectStrings(u, {"id", "username", "fullName", "avatarUrl", "status"});
  expectTimestamp(u, "createdAt");
  expectTimestamp(u, "updatedAt");
}

const json::object* findUser(const json::value& page, const std::string& id) {
  for (const auto& u : page.at("users").as_array())
    if (str(u.at("id")) == id) return &u.as_object();
  return nullptr;
}
}  // namespace

TEST_F(ApiTest, UsersListAndGet) {
  auto alice = addMember("alice@example.com", core::OrgRole::BillingAdmin);
  auto r = get(orgPath("/users"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto page = r.json();
  EXPECT_EQ(page.at("totalCount").as_int64(), 2);
  EXPECT_EQ(page.at("limit").as_int64(), 20);
  EXPECT_EQ(page.at("offset").as_int64(), 0);
  auto* owner = findUser(page, ownerUserId);
  ASSERT_NE(owner, nullptr) << r.body;
  expectUserShape(*owner);
  EXPECT_EQ(str(owner->at("username")), "owner@example.com");
  EXPECT_EQ(str(owner->at("organizationRole")), "ORGANIZATION_OWNER");
  auto* a = findUser(page, alice);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(str(a->at("organizationRole")), "ORGANIZATION_BILLING_ADMIN");

  r = get(orgPath("/users?sorts=username:desc&limit=1&offset=1"));
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json().at("users").as_array().size(), 1u);
  EXPECT_EQ(str(r.json().at("users").as_array()[0].at("username")), "alice@example.com");
  for (auto sort : {"createdAt", "fullName", "id", "updatedAt", "username"}) {
    EXPECT_EQ(get(orgPath("/users?sorts=") + sort + ":asc").status, 200) << sort;
  }

  r = get(orgPath("/users/" + alice));
  ASSERT_EQ(r.status, 200) << r.body;
  expectUserShape(r.json().as_object());
  EXPECT_EQ(str(r.json().at("id")), alice);
}

TEST_F(ApiTest, UsersQueryParametersAreStrict) {
  expectFieldError(get(orgPath("/users?colour=red")), "colour");
  expectFieldError(get(orgPath("/users?offset=-")), "offset");
  expectFieldError(get(orgPath("/users?limit=ten")), "limit");
  expectApiError(get(orgPath("/users?sorts=name:asc")), 400);  // not a user sort field
  expectApiError(get(orgPath("/users?limit=0")), 400);
  expectFieldError(get(orgPath("/users/" + ownerUserId + "?verbose=true")), "verbose");
}

TEST_F(ApiTest, UnknownUsersAndUsersOfAnotherOrganizationAre404) {
  auto second = addSecondOrganization();
  auto theirs = addMember("theirs@example.com", core::OrgRole::Member, second.orgId);
  expectApiError(get(orgPath("/users/" + theirs)), 404);
  expectApiError(get(orgPath("/users/cnotauserxxxxxxxxxxxxxxxx")), 404);
  expectApiError(post(orgPath("/users/" + theirs + "/roles"),
                      json::object{{"organizationRole", "ORGANIZATION_MEMBER"}}),
                 404);
  expectApiError(del(orgPath("/users/" + theirs)), 404);
  expectApiError(get("/v1/organizations/" + second.orgId + "/users"), 404);
  expectApiError(get(orgPath("/users/" + ownerUserId), second.token), 404);
}

TEST_F(ApiTest, UpdateUserRolesReturnsSubjectRoles) {
  auto alice = addMember("alice@example.com");
  auto r = post(orgPath("/users/" + alice + "/roles"),
                json::object{{"organizationRole", "ORGANIZATION_BILLING_ADMIN"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  EXPECT_EQ(str(r.json().at("organizationRole")), "ORGANIZATION_BILLING_ADMIN");
  EXPECT_EQ(str(get(orgPath("/users/" + alice)).json().at("organizationRole")),
            "ORGANIZATION_BILLING_ADMIN");

  expectFieldError(post(orgPath("/users/" + alice + "/roles"),
                        json::object{{"organizationRole", "ORGANIZATION_KING"}}),
                   "organizationRole");
  expectFieldError(
      post(orgPath("/users/" + alice + "/roles"), json::object{{"organizationRole", 1}}),
      "organizationRole");
  expectFieldError(post(orgPath("/users/" + alice + "/roles"),
                        json::object{{"organizationRole", "ORGANIZATION_MEMBER"}, {"x", 1}}),
                   "x");
}

TEST_F(ApiTest, TheLastOwnerCannotBeDemotedOrRemoved) {
  auto r = post(orgPath("/users/" + ownerUserId + "/roles"),
                json::object{{"organizationRole", "ORGANIZATION_MEMBER"}});
  expectApiError(r, 409);
  expectApiError(del(orgPath("/users/" + ownerUserId)), 409);
  // With a second owner, the first may go.
  auto second = addMember("second-owner@example.com", core::OrgRole::Owner);
  expectNoContent(del(orgPath("/users/" + ownerUserId)));
  expectApiError(post(orgPath("/users/" + second + "/roles"),
                      json::object{{"organizationRole", "ORGANIZATION_MEMBER"}}),
                 409);
}

TEST_F(ApiTest, RemoveUserIs204AndTheUserIsGone) {
  auto alice = addMember("alice@example.com");
  auto r = del(orgPath("/users/" + alice));
  expectNoContent(r);
  expectApiError(get(orgPath("/users/" + alice)), 404);
  expectApiError(del(orgPath("/users/" + alice)), 404);
}

TEST_F(ApiTest, InviteCreateAndWithdraw) {
  auto r = post(orgPath("/invites"), json::object{{"inviteeEmail", "New.Person@Example.com"},
                                                  {"role", "ORGANIZATION_MEMBER"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto invite = r.json().as_object();
  expectStrings(invite, {"inviteId", "organizationId"});
  expectTimestamp(invite, "expiresAt");
  EXPECT_EQ(str(invite.at("organizationId")), orgId);
  ASSERT_TRUE(invite.at("invitee").is_object());
  ASSERT_TRUE(invite.at("inviter").is_object());
  EXPECT_TRUE(invite.at("invitee").as_object().at("id").is_string());

  // The invitee shows up as a PENDING user.
  auto users = get(orgPath("/users")).json();
  bool pending = false;
  for (const auto& u : users.at("users").as_array())
    pending = pending || (str(u.at("username")) == "new.person@example.com" &&
                          str(u.at("status")) == "PENDING");
  EXPECT_TRUE(pending) << boost::json::serialize(users);

  // Inviting a member again (pending or active, any case) is a conflict.
  expectApiError(post(orgPath("/invites"), json::object{{"inviteeEmail", "new.person@example.com"},
                                                        {"role", "ORGANIZATION_MEMBER"}}),
                 409);
  expectApiError(post(orgPath("/invites"), json::object{{"inviteeEmail", "owner@example.com"},
                                                        {"role", "ORGANIZATION_MEMBER"}}),
                 409);

  auto id = str(invite.at("inviteId"));
  expectNoContent(del(orgPath("/invites/" + id)));
  expectApiError(del(orgPath("/invites/" + id)), 404);
  expectApiError(del(orgPath("/invites/cnotaninvitexxxxxxxxxxxxx")), 404);
}

TEST_F(ApiTest, InviteValidationErrorsNameTheirFields) {
  expectFieldError(post(orgPath("/invites"), json::object{{"role", "ORGANIZATION_MEMBER"}}),
                   "inviteeEmail");
  expectFieldError(post(orgPath("/invites"), json::object{{"inviteeEmail", "not-an-email"},
                                                          {"role", "ORGANIZATION_MEMBER"}}),
                   "inviteeEmail");
  expectFieldError(
      post(orgPath("/invites"), json::object{{"inviteeEmail", "a@example.com"}, {"role", "BOSS"}}),
      "role");
  expectFieldError(post(orgPath("/invites"), json::object{{"inviteeEmail", "a@example.com"}}),
                   "role");
  expectFieldError(post(orgPath("/invites?x=1"), json::object{{"inviteeEmail", "a@example.com"},
                                                              {"role", "ORGANIZATION_MEMBER"}}),
                   "x");
}

TEST_F(ApiTest, InvitesOfAnotherOrganizationAre404) {
  auto second = addSecondOrganization();
  auto r = call("POST", "/v1/organizations/" + second.orgId + "/invites",
                R"({"inviteeEmail":"x@example.com","role":"ORGANIZATION_MEMBER"})", second.token);
  ASSERT_EQ(r.status, 200) << r.body;
  auto theirs = str(r.json().at("inviteId"));
  expectApiError(del(orgPath("/invites/" + theirs)), 404);
  expectApiError(
      post("/v1/organizations/" + second.orgId + "/invites",
           json::object{{"inviteeEmail", "y@example.com"}, {"role", "ORGANIZATION_MEMBER"}}),
      404);
}

}  // namespace astro::test
