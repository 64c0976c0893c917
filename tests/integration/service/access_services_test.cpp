// Behaviour of the access-model services: validation, the last-owner guard, unique team names,
// invites and PENDING users, effective roles through teams, workspace grants and visibility,
// pagination and sorting over 250 objects, audit records and the audit export.
#include <algorithm>

#include "access_fixture.h"
#include "core/json/audit_json.h"
#include "service/audit/audit_export.h"

namespace astro::service::testing {
namespace {

class AccessServicesTest : public AccessTest {
 protected:
  core::Error mustFail(const auto& result) {
    EXPECT_FALSE(result.ok());
    return result.ok() ? core::Error{} : result.error();
  }
  bool hasField(const core::Error& e, const std::string& field) {
    for (const auto& f : e.fieldErrors)
      if (f.field == field) return true;
    return false;
  }
  std::optional<core::User> userIn(const std::string& org, const std::string& email) {
    for (auto& u : allUsers(org))
      if (u.username == email) return u;
    return std::nullopt;
  }
  std::string createWorkspace(const std::string& name) {
    auto w = services_.workspaces.create(owner(), orgA_, {name, {}, {}});
    EXPECT_TRUE(w.ok());
    return w.ok() ? w->id : "";
  }
};

// ---------------------------------------------------------------- users

TEST_F(AccessServicesTest, UpdateRolesChangesTheRoleAndIsAuditedWithOldAndNewValues) {
  const std::string ws = createWorkspace("Data");
  core::UpdateUserRolesRequest r;
  r.organizationRole = "ORGANIZATION_BILLING_ADMIN";
  r.workspaceRoles = std::vector<core::WorkspaceRoleEntry>{{ws, "WORKSPACE_OPERATOR"}};
  auto out = services_.users.updateRoles(owner(), orgA_, memberUser_.id, r);
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out->organizationRole, "ORGANIZATION_BILLING_ADMIN");
  ASSERT_TRUE(out->workspaceRoles);
  EXPECT_EQ(*out->workspaceRoles, *r.workspaceRoles);
  auto u = services_.users.get(owner(), orgA_, memberUser_.id);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->organizationRole, "ORGANIZATION_BILLING_ADMIN");
  EXPECT_EQ(u->workspaceRoles, r.workspaceRoles);
  auto audit = auditOf(orgA_);
  const auto& rec = audit.back();
  EXPECT_EQ(rec.action, "user.updateRoles");
  EXPECT_EQ(rec.outcome, "SUCCESS");
  EXPECT_EQ(rec.targetType, "USER");
  EXPECT_EQ(rec.targetId, memberUser_.id);
  ASSERT_EQ(rec.changes.size(), 2u);
  EXPECT_EQ(rec.changes[0], AuditLog::change("organizationRole", "\"ORGANIZATION_MEMBER\"",
                                             "\"ORGANIZATION_BILLING_ADMIN\""));
  EXPECT_EQ(rec.changes[1].field, "workspaceRoles");
  EXPECT_EQ(rec.changes[1].oldValue, "[]");
}

TEST_F(AccessServicesTest, UpdateRolesValidation) {
  const std::string ws = createWorkspace("Data");
  struct Case {
    std::string label, field;
    core::UpdateUserRolesRequest request;
  };
  auto req = [](std::optional<std::string> role,
                std::optional<std::vector<core::WorkspaceRoleEntry>> ws = std::nullopt) {
    core::UpdateUserRolesRequest r;
    r.organizationRole = std::move(role);
    r.workspaceRoles = std::move(ws);
    return r;
  };
  const std::vector<Case> cases{
      {"missing role", "organizationRole", req(std::nullopt)},
      {"bad role", "organizationRole", req("ORGANIZATION_GOD")},
      {"lower-case role", "organizationRole", req("organization_owner")},
      {"accessor", "workspaceRoles[0].role",
       req("ORGANIZATION_MEMBER",
           std::vector<core::WorkspaceRoleEntry>{{ws, "WORKSPACE_ACCESSOR"}})},
      {"unknown workspace", "workspaceRoles[0].workspaceId",
       req("ORGANIZATION_MEMBER",
           std::vector<core::WorkspaceRoleEntry>{
               {"c000000000000000000000000", "WORKSPACE_MEMBER"}})},
      {"duplicate workspace", "workspaceRoles[1].workspaceId",
       req("ORGANIZATION_MEMBER", std::vector<core::WorkspaceRoleEntry>{{ws, "WORKSPACE_MEMBER"},
                                                                        {ws, "WORKSPACE_OWNER"}})},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    const auto before = services_.users.get(owner(), orgA_, memberUser_.id);
    auto err = mustFail(services_.users.updateRoles(owner(), orgA_, memberUser_.id, c.request));
    EXPECT_EQ(err.code, core::ErrorCode::InvalidInput);
    EXPECT_TRUE(hasField(err, c.field)) << err.message;
    EXPECT_EQ(*services_.users.get(owner(), orgA_, memberUser_.id), *before);
    EXPECT_EQ(auditOf(orgA_).back().outcome, "FAILED");
  }
  EXPECT_EQ(services_.users.list(owner(), orgA_, pageQuery(0, 10, {{"email", false}})).error().code,
            core::ErrorCode::InvalidInput);
  EXPECT_EQ(services_.users.list(owner(), orgA_, pageQuery(0, 1001)).error().code,
            core::ErrorCode::InvalidInput);
  EXPECT_EQ(services_.users.get(owner(), orgA_, "c000000000000000000000000").error().message,
            "user not found");
}

TEST_F(AccessServicesTest, TheLastOwnerCannotBeDemotedOrRemoved) {
  core::UpdateUserRolesRequest demote;
  demote.organizationRole = "ORGANIZATION_MEMBER";
  for (const Caller& c : {owner(), tokenCaller(ownerToken_.value)}) {
    auto err = mustFail(services_.users.updateRoles(c, orgA_, ownerUser_.id, demote));
    EXPECT_EQ(err.code, core::ErrorCode::Conflict);
    EXPECT_EQ(err.message, kLastOwnerMessage);
    EXPECT_EQ(auditOf(orgA_).back().outcome, "FAILED");
    err = mustFail(services_.users.remove(c, orgA_, ownerUser_.id));
    EXPECT_EQ(err.code, core::ErrorCode::Conflict);
    EXPECT_EQ(err.message, kLastOwnerMessage);
  }
  // An OWNER through a team is not a direct OWNER: still the last one.
  EXPECT_EQ(
      mustFail(services_.users.remove(userCaller(teamMemberUser_), orgA_, ownerUser_.id)).code,
      core::ErrorCode::Conflict);
  // Keeping the role is fine.
  core::UpdateUserRolesRequest keep;
  keep.organizationRole = "ORGANIZATION_OWNER";
  EXPECT_TRUE(services_.users.updateRoles(owner(), orgA_, ownerUser_.id, keep).ok());
  // With a second OWNER, the first may go.
  core::UpdateUserRolesRequest promote;
  promote.organizationRole = "ORGANIZATION_OWNER";
  ASSERT_TRUE(services_.users.updateRoles(owner(), orgA_, billingUser_.id, promote).ok());
  ASSERT_TRUE(services_.users.updateRoles(owner(), orgA_, ownerUser_.id, demote).ok());
  EXPECT_EQ(
      mustFail(services_.users.remove(userCaller(billingUser_), orgA_, billingUser_.id)).message,
      kLastOwnerMessage);
}

TEST_F(AccessServicesTest, RemovingAUserRemovesMembershipTeamsAndWorkspaceRoles) {
  const std::string ws = createWorkspace("Data");
  core::UpdateUserRolesRequest r;
  r.organizationRole = "ORGANIZATION_MEMBER";
  r.workspaceRoles = std::vector<core::WorkspaceRoleEntry>{{ws, "WORKSPACE_AUTHOR"}};
  ASSERT_TRUE(services_.users.updateRoles(owner(), orgA_, teamMemberUser_.id, r).ok());
  ASSERT_TRUE(services_.users.remove(owner(), orgA_, teamMemberUser_.id).ok());
  EXPECT_FALSE(userIn(orgA_, teamMemberUser_.email));
  auto tx = store_.begin(store::Store::Mode::Read);
  EXPECT_FALSE(tx->teams().isMember(ownerTeamId_, teamMemberUser_.id));
  EXPECT_TRUE(tx->workspaces().rolesOfUser(ws, teamMemberUser_.id).empty());
  EXPECT_TRUE(tx->users().find(teamMemberUser_.id));  // the person stays; only the membership goes
  const auto rec = auditOf(orgA_).back();
  EXPECT_EQ(rec.action, "user.remove");
  EXPECT_EQ(rec.changes.front(),
            AuditLog::change("organizationRole", "\"ORGANIZATION_MEMBER\"", std::nullopt));
  // The removed user no longer exists for the organization.
  EXPECT_EQ(mustFail(services_.teams.list(userCaller(teamMemberUser_), orgA_, {}, {})).code,
            core::ErrorCode::NotFound);
}

// ---------------------------------------------------------------- invites

TEST_F(AccessServicesTest, InviteCreatesAPendingUserWithTheRole) {
  auto inv = services_.invites.create(owner(), orgA_,
                                      {"New.Person@Example.COM", "ORGANIZATION_BILLING_ADMIN"});
  ASSERT_TRUE(inv.ok()) << inv.error().message;
  EXPECT_EQ(inv->invitee.username, "new.person@example.com");
  EXPECT_EQ(inv->organizationId, orgA_);
  EXPECT_EQ(inv->organizationName, "Org A");
  EXPECT_EQ(inv->expiresAt, clock_.now() + std::chrono::hours{24 * 7});
  EXPECT_EQ(inv->inviter.id, ownerUser_.id);
  auto u = userIn(orgA_, "new.person@example.com");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->status, "PENDING");
  EXPECT_EQ(u->organizationRole, "ORGANIZATION_BILLING_ADMIN");
  EXPECT_EQ(u->id, inv->userId);
  const auto rec = auditOf(orgA_).back();
  EXPECT_EQ(rec.action, "invite.create");
  EXPECT_EQ(rec.targetId, inv->inviteId);
  EXPECT_EQ(rec.changes[0],
            AuditLog::change("inviteeEmail", std::nullopt, "\"new.person@example.com\""));

  // A PENDING invitee does not act in the organization yet.
  store::UserRecord rec2 = *store_.begin(store::Store::Mode::Read)->users().find(u->id);
  Caller pending = userCaller({rec2.id, rec2.email, core::OrgRole::BillingAdmin});
  EXPECT_EQ(mustFail(services_.users.list(pending, orgA_, {})).code, core::ErrorCode::NotFound);

  // Inviting them again, or an active member, is a conflict.
  auto err = mustFail(
      services_.invites.create(owner(), orgA_, {"NEW.person@example.com", "ORGANIZATION_MEMBER"}));
  EXPECT_EQ(err.code, core::ErrorCode::Conflict);
  EXPECT_EQ(err.message, "new.person@example.com is already a member of this organization");
  err = mustFail(
      services_.invites.create(owner(), orgA_, {memberUser_.email, "ORGANIZATION_MEMBER"}));
  EXPECT_EQ(err.message, memberUser_.email + " is already a member of this organization");

  // Withdrawing the invite removes the PENDING user from the list.
  ASSERT_TRUE(services_.invites.remove(owner(), orgA_, inv->inviteId).ok());
  EXPECT_FALSE(userIn(orgA_, "new.person@example.com"));
  EXPECT_EQ(auditOf(orgA_).back().action, "invite.delete");
  EXPECT_EQ(mustFail(services_.invites.remove(owner(), orgA_, inv->inviteId)).message,
            "invite not found");
}

TEST_F(AccessServicesTest, InvitingAUserOfAnotherOrganizationReusesTheirRecord) {
  auto inv = services_.invites.create(owner(), orgA_, {outsiderUser_.email, "ORGANIZATION_MEMBER"});
  ASSERT_TRUE(inv.ok()) << inv.error().message;
  EXPECT_EQ(inv->userId, outsiderUser_.id);
  auto u = userIn(orgA_, outsiderUser_.email);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->status, "PENDING");
  // Still an active OWNER of org B.
  EXPECT_TRUE(services_.users.list(userCaller(outsiderUser_), orgB_, {}).ok());
}

TEST_F(AccessServicesTest, InviteValidation) {
  struct Case {
    std::string label, field;
    core::CreateUserInviteRequest request;
  };
  const std::vector<Case> cases{
      {"empty email", "inviteeEmail", {"", "ORGANIZATION_MEMBER"}},
      {"no at", "inviteeEmail", {"person.example.com", "ORGANIZATION_MEMBER"}},
      {"two ats", "inviteeEmail", {"a@b@example.com", "ORGANIZATION_MEMBER"}},
      {"space", "inviteeEmail", {"a b@example.com", "ORGANIZATION_MEMBER"}},
      {"no dot in domain", "inviteeEmail", {"a@localhost", "ORGANIZATION_MEMBER"}},
      {"too long", "inviteeEmail", {std::string(250, 'a') + "@example.com", "ORGANIZATION_MEMBER"}},
      {"bad role", "role", {"ok@example.com", "WORKSPACE_OWNER"}},
      {"empty role", "role", {"ok@example.com", ""}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    const auto before = allUsers(orgA_).size();
    auto err = mustFail(services_.invites.create(owner(), orgA_, c.request));
    EXPECT_EQ(err.code, core::ErrorCode::InvalidInput);
    EXPECT_TRUE(hasField(err, c.field)) << err.message;
    EXPECT_EQ(allUsers(orgA_).size(), before);
    EXPECT_EQ(auditOf(orgA_).back().outcome, "FAILED");
  }
}

// ---------------------------------------------------------------- teams

TEST_F(AccessServicesTest, TeamLifecycleWithMembersRolesAndAudit) {
  const std::string ws = createWorkspace("Data");
  core::CreateTeamRequest cr;
  cr.name = "Platform";
  cr.description = "infra people";
  cr.organizationRole = "ORGANIZATION_BILLING_ADMIN";
  cr.memberIds = std::vector<std::string>{memberUser_.id};
  auto team = services_.teams.create(owner(), orgA_, cr);
  ASSERT_TRUE(team.ok()) << team.error().message;
  EXPECT_EQ(team->name, "Platform");
  EXPECT_EQ(team->organizationRole, "ORGANIZATION_BILLING_ADMIN");
  EXPECT_EQ(team->createdBy->id, ownerUser_.id);
  EXPECT_EQ(auditOf(orgA_).back().action, "team.create");

  auto members = services_.teams.listMembers(owner(), orgA_, team->id, {});
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->items.size(), 1u);
  EXPECT_EQ(members->items[0].userId, memberUser_.id);
  EXPECT_EQ(members->items[0].username, memberUser_.email);

  core::AddTeamMembersRequest add;
  add.memberIds = {billingUser_.id, billingUser_.id};
  ASSERT_TRUE(services_.teams.addMembers(owner(), orgA_, team->id, add).ok());
  EXPECT_EQ(services_.teams.listMembers(owner(), orgA_, team->id, {})->totalCount, 2);
  EXPECT_EQ(auditOf(orgA_).back().changes[0],
            AuditLog::change("memberIds", std::nullopt, "[\"" + billingUser_.id + "\"]"));
  ASSERT_TRUE(services_.teams.removeMember(owner(), orgA_, team->id, billingUser_.id).ok());
  EXPECT_EQ(mustFail(services_.teams.removeMember(owner(), orgA_, team->id, billingUser_.id)).code,
            core::ErrorCode::NotFound);

  core::UpdateTeamRequest up;
  up.name = "Platform Eng";
  auto updated = services_.teams.update(owner(), orgA_, team->id, up);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->description, "infra people");  // kept when not sent
  EXPECT_EQ(auditOf(orgA_).back().changes.size(), 1u);

  core::UpdateTeamRolesRequest rr;
  rr.organizationRole = "ORGANIZATION_MEMBER";
  rr.workspaceRoles = std::vector<core::WorkspaceRoleEntry>{{ws, "WORKSPACE_OPERATOR"}};
  auto roles = services_.teams.updateRoles(owner(), orgA_, team->id, rr);
  ASSERT_TRUE(roles.ok()) << roles.error().message;
  EXPECT_EQ(roles->organizationRole, "ORGANIZATION_MEMBER");
  auto got = services_.teams.get(userCaller(memberUser_), orgA_, team->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->workspaceRoles, rr.workspaceRoles);
  // The member now holds the team's workspace role.
  EXPECT_TRUE(services_.workspaces.get(userCaller(memberUser_), orgA_, ws).ok());

  ASSERT_TRUE(services_.teams.remove(owner(), orgA_, team->id).ok());
  EXPECT_EQ(mustFail(services_.teams.get(owner(), orgA_, team->id)).message, "team not found");
  auto tx = store_.begin(store::Store::Mode::Read);
  EXPECT_FALSE(tx->teams().isMember(team->id, memberUser_.id));
  EXPECT_TRUE(tx->workspaces().listRoles(orgA_, store::kGrantTeam, team->id).empty());
  // Deleting the team took the member's access through it.
  EXPECT_EQ(mustFail(services_.workspaces.get(userCaller(memberUser_), orgA_, ws)).code,
            core::ErrorCode::NotFound);
}

TEST_F(AccessServicesTest, TeamNamesAreUniqueCaseInsensitively) {
  core::CreateTeamRequest cr;
  cr.name = "Platform";
  ASSERT_TRUE(services_.teams.create(owner(), orgA_, cr).ok());
  cr.name = "PLATFORM";
  auto err = mustFail(services_.teams.create(owner(), orgA_, cr));
  EXPECT_EQ(err.code, core::ErrorCode::Conflict);
  EXPECT_EQ(err.message, "a team named \"PLATFORM\" already exists in this organization");
  // Another organization may use the name.
  EXPECT_TRUE(services_.teams.create(userCaller(outsiderUser_), orgB_, cr).ok());
  // Renaming into a taken name is a conflict; renaming a team to itself in another case is not.
  cr.name = "Data";
  auto data = services_.teams.create(owner(), orgA_, cr);
  ASSERT_TRUE(data.ok());
  core::UpdateTeamRequest up;
  up.name = "platform";
  EXPECT_EQ(mustFail(services_.teams.update(owner(), orgA_, data->id, up)).code,
            core::ErrorCode::Conflict);
  up.name = "DATA";
  EXPECT_TRUE(services_.teams.update(owner(), orgA_, data->id, up).ok());
  core::TeamListFilter f;
  f.names = {"platform"};
  auto list = services_.teams.list(owner(), orgA_, f, {});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->totalCount, 1);
  EXPECT_EQ(list->items[0].name, "Platform");
}

TEST_F(AccessServicesTest, TeamValidation) {
  auto create = [&](auto edit) {
    core::CreateTeamRequest r;
    r.name = "ok";
    edit(r);
    return mustFail(services_.teams.create(owner(), orgA_, r));
  };
  EXPECT_TRUE(hasField(create([](auto& r) { r.name = " "; }), "name"));
  EXPECT_TRUE(hasField(create([](auto& r) { r.name = std::string(257, 'n'); }), "name"));
  EXPECT_TRUE(hasField(create([](auto& r) { r.name = "a\x01"; }), "name"));
  EXPECT_TRUE(
      hasField(create([](auto& r) { r.description = std::string(1025, 'd'); }), "description"));
  EXPECT_TRUE(hasField(create([](auto& r) { r.organizationRole = "ORGANIZATION_GOD"; }),
                       "organizationRole"));
  EXPECT_TRUE(
      hasField(create([&](auto& r) { r.memberIds = std::vector<std::string>{outsiderUser_.id}; }),
               "memberIds[0]"));
  core::UpdateTeamRolesRequest rr;  // organizationRole required
  EXPECT_TRUE(hasField(mustFail(services_.teams.updateRoles(owner(), orgA_, ownerTeamId_, rr)),
                       "organizationRole"));
  core::AddTeamMembersRequest add;
  EXPECT_TRUE(hasField(mustFail(services_.teams.addMembers(owner(), orgA_, ownerTeamId_, add)),
                       "memberIds"));
  EXPECT_EQ(
      mustFail(services_.teams.list(owner(), orgA_, {}, pageQuery(0, 5, {{"id", false}}))).code,
      core::ErrorCode::InvalidInput);
}

TEST_F(AccessServicesTest, EffectiveRoleThroughATeamAppliesAtOnceAndStopsOnRemoval) {
  core::CreateTeamRequest cr;
  cr.name = "x";
  const Caller member = userCaller(memberUser_);
  EXPECT_EQ(mustFail(services_.teams.create(member, orgA_, cr)).code, core::ErrorCode::Forbidden);
  core::AddTeamMembersRequest add;
  add.memberIds = {memberUser_.id};
  ASSERT_TRUE(services_.teams.addMembers(owner(), orgA_, ownerTeamId_, add).ok());
  EXPECT_TRUE(services_.teams.create(member, orgA_, cr).ok());
  EXPECT_TRUE(services_.tokens.list(member, orgA_, {}, {}).ok());  // tokens use it too
  ASSERT_TRUE(services_.teams.removeMember(owner(), orgA_, ownerTeamId_, memberUser_.id).ok());
  cr.name = "y";
  auto err = mustFail(services_.teams.create(member, orgA_, cr));
  EXPECT_EQ(err.message, "permission denied: ORGANIZATION_MEMBER cannot manage teams");
  EXPECT_EQ(mustFail(services_.tokens.list(member, orgA_, {}, {})).code,
            core::ErrorCode::Forbidden);
}

// ---------------------------------------------------------------- roles

TEST_F(AccessServicesTest, RolesListTheDefaultRolesOnRequest) {
  auto page = services_.roles.list(userCaller(memberUser_), orgA_, true, {});
  ASSERT_TRUE(page.ok());
  ASSERT_TRUE(page->defaultRoles);
  ASSERT_EQ(page->defaultRoles->size(), 7u);
  EXPECT_EQ((*page->defaultRoles)[0].name, "ORGANIZATION_OWNER");
  EXPECT_EQ((*page->defaultRoles)[0].scopeType, "ORGANIZATION");
  EXPECT_TRUE(page->roles.empty());
  EXPECT_EQ(page->totalCount, 0);
  auto without = services_.roles.list(userCaller(memberUser_), orgA_, false, {});
  ASSERT_TRUE(without.ok());
  EXPECT_FALSE(without->defaultRoles);
  EXPECT_EQ(
      services_.roles.list(owner(), orgA_, true, pageQuery(0, 5, {{"bogus", false}})).error().code,
      core::ErrorCode::InvalidInput);
}

// ---------------------------------------------------------------- workspaces

TEST_F(AccessServicesTest, WorkspacesAreVisibleToTheirHoldersAndToOwners) {
  const std::string a = createWorkspace("Alpha");
  const std::string b = createWorkspace("Beta");
  auto made = services_.workspaces.create(userCaller(memberUser_), orgA_, {"Mine", "d", true});
  ASSERT_TRUE(made.ok());
  EXPECT_TRUE(made->cicdEnforcedDefault);
  auto names = [&](const Caller& c) {
    std::vector<std::string> out;
    auto page = services_.workspaces.list(c, orgA_, {}, pageQuery(0, 100, {{"name", false}}));
    EXPECT_TRUE(page.ok());
    if (page.ok())
      for (const auto& w : page->items) out.push_back(w.name);
    return out;
  };
  EXPECT_EQ(names(owner()), (std::vector<std::string>{"Alpha", "Beta", "Mine"}));
  EXPECT_EQ(names(userCaller(memberUser_)), (std::vector<std::string>{"Mine"}));
  EXPECT_TRUE(names(tokenCaller(memberToken_.value)).empty());
  // A token with a WORKSPACE role sees that workspace.
  auto roles = rolesRequest(orgA_, "ORGANIZATION_MEMBER");
  roles.roles.push_back({"WORKSPACE", a, "WORKSPACE_MEMBER", std::nullopt});
  ASSERT_TRUE(services_.tokens.updateRoles(owner(), orgA_, memberToken_.id, roles).ok());
  EXPECT_EQ(names(tokenCaller(memberToken_.value)), (std::vector<std::string>{"Alpha"}));
  // ...but a WORKSPACE_MEMBER may not change it.
  EXPECT_EQ(mustFail(services_.workspaces.update(tokenCaller(memberToken_.value), orgA_, a,
                                                 {"x", {}, {}}))
                .message,
            "permission denied: WORKSPACE_MEMBER cannot update the workspace");
  (void)b;
  // Validation.
  EXPECT_TRUE(
      hasField(mustFail(services_.workspaces.create(owner(), orgA_, {"", {}, {}})), "name"));
  EXPECT_TRUE(
      hasField(mustFail(services_.workspaces.update(owner(), orgA_, a, {"  ", {}, {}})), "name"));
}

TEST_F(AccessServicesTest, DeletingAWorkspaceRemovesEveryGrantOnIt) {
  const std::string ws = createWorkspace("Doomed");
  const std::string keep = createWorkspace("Kept");
  core::UpdateUserRolesRequest ur;
  ur.organizationRole = "ORGANIZATION_MEMBER";
  ur.workspaceRoles =
      std::vector<core::WorkspaceRoleEntry>{{ws, "WORKSPACE_AUTHOR"}, {keep, "WORKSPACE_MEMBER"}};
  ASSERT_TRUE(services_.users.updateRoles(owner(), orgA_, memberUser_.id, ur).ok());
  core::UpdateTeamRolesRequest tr;
  tr.organizationRole = "ORGANIZATION_OWNER";
  tr.workspaceRoles = std::vector<core::WorkspaceRoleEntry>{{ws, "WORKSPACE_OWNER"}};
  ASSERT_TRUE(services_.teams.updateRoles(owner(), orgA_, ownerTeamId_, tr).ok());
  auto roles = rolesRequest(orgA_, "ORGANIZATION_MEMBER");
  roles.roles.push_back({"WORKSPACE", ws, "WORKSPACE_OPERATOR", std::nullopt});
  ASSERT_TRUE(services_.tokens.updateRoles(owner(), orgA_, memberToken_.id, roles).ok());

  ASSERT_TRUE(services_.workspaces.remove(owner(), orgA_, ws).ok());
  EXPECT_EQ(auditOf(orgA_).back().action, "workspace.delete");
  auto tx = store_.begin(store::Store::Mode::Read);
  EXPECT_EQ(tx->workspaces().listRoles(orgA_, store::kGrantUser, memberUser_.id),
            (std::vector<core::WorkspaceRoleEntry>{{keep, "WORKSPACE_MEMBER"}}));
  EXPECT_TRUE(tx->workspaces().listRoles(orgA_, store::kGrantTeam, ownerTeamId_).empty());
  auto token = tx->tokens().find(orgA_, memberToken_.id);
  ASSERT_TRUE(token);
  ASSERT_EQ(token->token.roles.size(), 1u);
  EXPECT_EQ(token->token.roles[0].entityType, "ORGANIZATION");
  EXPECT_EQ(mustFail(services_.workspaces.get(owner(), orgA_, ws)).message, "workspace not found");
}

TEST_F(AccessServicesTest, TokenWorkspaceRolesAreValidated) {
  const std::string ws = createWorkspace("W");
  auto bad = [&](std::string role) {
    auto r = rolesRequest(orgA_, "ORGANIZATION_MEMBER");
    r.roles.push_back({"WORKSPACE", ws, std::move(role), std::nullopt});
    return mustFail(services_.tokens.updateRoles(owner(), orgA_, memberToken_.id, r));
  };
  EXPECT_TRUE(hasField(bad("WORKSPACE_ACCESSOR"), "roles[1].role"));
  EXPECT_TRUE(hasField(bad("ORGANIZATION_OWNER"), "roles[1].role"));
  auto ok = rolesRequest(orgA_, "ORGANIZATION_MEMBER");
  ok.roles.push_back({"WORKSPACE", ws, "WORKSPACE_AUTHOR", std::nullopt});
  auto out = services_.tokens.updateRoles(owner(), orgA_, memberToken_.id, ok);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE(out->workspaceRoles);
  EXPECT_EQ(*out->workspaceRoles,
            (std::vector<core::WorkspaceRoleEntry>{{ws, "WORKSPACE_AUTHOR"}}));
}

// ---------------------------------------------------------------- pagination

TEST_F(AccessServicesTest, UsersPageTwoOf250UnderSeveralSorts) {
  {
    auto tx = store_.begin(store::Store::Mode::Write);
    for (int i = 0; i < 250; ++i) {
      // Names in an order unrelated to creation; creation times tie in threes.
      const int k = (i * 37) % 250;
      makeUser(*tx, std::string("u").append(std::to_string(1000 + k)).append("@page.example"),
               orgA_, core::OrgRole::Member);
      if (i % 3 == 2) clock_.advance(std::chrono::seconds{1});
    }
    tx->commit();
  }
  // `all` is in the default order (creation time, then insertion), so a stable sort leaves ties in
  // insertion order: the store's tie-break.
  auto all = allUsers(orgA_);
  ASSERT_EQ(all.size(), 254u);  // 250 + owner, billing, member, team member
  struct SortCase {
    core::SortKey key;
    std::function<bool(const core::User&, const core::User&)> less;
  };
  const std::vector<SortCase> sorts{
      {{"username", false}, [](auto& a, auto& b) { return a.username < b.username; }},
      {{"username", true}, [](auto& a, auto& b) { return a.username > b.username; }},
      {{"fullName", true},
       [](auto& a, auto& b) { return a.fullName != b.fullName ? a.fullName > b.fullName : false; }},
      {{"createdAt", true},
       [](auto& a, auto& b) {
         return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : false;
       }},
      {{"id", false}, [](auto& a, auto& b) { return a.id < b.id; }},
  };
  for (const auto& s : sorts) {
    SCOPED_TRACE(s.key.field + (s.key.descending ? ":desc" : ":asc"));
    auto expected = all;
    std::stable_sort(expected.begin(), expected.end(), s.less);
    auto page = services_.users.list(owner(), orgA_, pageQuery(100, 100, {s.key}));
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->totalCount, 254);
    EXPECT_EQ(page->offset, 100);
    EXPECT_EQ(page->limit, 100);
    ASSERT_EQ(page->items.size(), 100u);
    for (std::size_t i = 0; i < 100; ++i) EXPECT_EQ(page->items[i].id, expected[100 + i].id) << i;
  }
  // The last, partial page.
  auto last = services_.users.list(owner(), orgA_, pageQuery(200, 100, {{"username", false}}));
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->items.size(), 54u);
}

TEST_F(AccessServicesTest, TeamsPageTwoOf250UnderSeveralSorts) {
  {
    auto tx = store_.begin(store::Store::Mode::Write);
    for (int i = 0; i < 249; ++i) {
      const int k = (i * 101) % 249;
      makeTeam(
          *tx, orgA_, std::string("team-").append(std::to_string(1000 + k)), core::OrgRole::Member,
          i % 5 == 0 ? std::nullopt
                     : std::optional<std::string>(std::string("d").append(std::to_string(k % 7))));
      if (i % 4 == 3) clock_.advance(std::chrono::seconds{1});
    }
    tx->commit();
  }
  auto allPage = services_.teams.list(owner(), orgA_, {}, pageQuery(0, 1000));
  ASSERT_TRUE(allPage.ok());
  const auto all = allPage->items;
  ASSERT_EQ(all.size(), 250u);  // with "Owners team"
  auto desc = [](const core::Team& t) { return t.description.value_or(""); };
  const std::vector<
      std::pair<core::SortKey, std::function<bool(const core::Team&, const core::Team&)>>>
      sorts{
          {{"name", false}, [](auto& a, auto& b) { return a.name < b.name; }},
          {{"name", true}, [](auto& a, auto& b) { return a.name > b.name; }},
          {{"createdAt", true},
           [](auto& a, auto& b) {
             return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : false;
           }},
          {{"description", false},
           [&](auto& a, auto& b) { return desc(a) != desc(b) ? desc(a) < desc(b) : false; }},
      };
  for (const auto& [key, less] : sorts) {
    SCOPED_TRACE(key.field + (key.descending ? ":desc" : ":asc"));
    auto expected = all;
    std::stable_sort(expected.begin(), expected.end(), less);
    auto page = services_.teams.list(owner(), orgA_, {}, pageQuery(100, 100, {key}));
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->totalCount, 250);
    ASSERT_EQ(page->items.size(), 100u);
    for (std::size_t i = 0; i < 100; ++i) EXPECT_EQ(page->items[i].id, expected[100 + i].id) << i;
  }
}

// ---------------------------------------------------------------- audit export

TEST_F(AccessServicesTest, AuditExportIsOrderedRangedLimitedAndHoldsNoSecret) {
  auto created =
      services_.tokens.create(owner(), orgA_, createRequest("ci", "ORGANIZATION_MEMBER"));
  ASSERT_TRUE(created.ok());
  const std::string value = *created->token;
  clock_.advance(std::chrono::seconds{10});
  auto rotated = services_.tokens.rotate(owner(), orgA_, created->id);
  ASSERT_TRUE(rotated.ok());
  clock_.advance(std::chrono::seconds{10});
  core::CreateTeamRequest cr;
  cr.name = "Audited";
  ASSERT_TRUE(services_.teams.create(owner(), orgA_, cr).ok());

  const Caller ownerToken = tokenCaller(ownerToken_.value);
  auto out = services_.auditExport.exportNdjson(ownerToken, orgA_, std::nullopt, std::nullopt);
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out->find(value), std::string::npos);
  EXPECT_EQ(out->find(*rotated->token), std::string::npos);
  EXPECT_EQ(out->find(ownerToken_.value), std::string::npos);
  std::vector<std::string> lines;
  for (std::size_t pos = 0; pos < out->size();) {
    auto nl = out->find('\n', pos);
    ASSERT_NE(nl, std::string::npos);
    lines.push_back(out->substr(pos, nl - pos));
    pos = nl + 1;
  }
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find("\"action\":\"apiToken.create\""), std::string::npos);
  EXPECT_NE(lines[1].find("\"action\":\"apiToken.rotate\""), std::string::npos);
  EXPECT_NE(lines[2].find("\"action\":\"team.create\""), std::string::npos);
  EXPECT_NE(lines[2].find("{\"field\":\"name\",\"oldValue\":null,\"newValue\":\"Audited\"}"),
            std::string::npos)
      << lines[2];
  EXPECT_EQ(auditOf(orgA_).back().action, "auditLog.export");

  // A range: only the rotation.
  auto ranged =
      services_.auditExport.exportNdjson(owner(), orgA_, clock_.now() - std::chrono::seconds{15},
                                         clock_.now() - std::chrono::seconds{5});
  ASSERT_TRUE(ranged.ok());
  EXPECT_EQ(std::count(ranged->begin(), ranged->end(), '\n'), 1);
  EXPECT_NE(ranged->find("apiToken.rotate"), std::string::npos);

  // Limits.
  auto err = mustFail(services_.auditExport.exportNdjson(
      owner(), orgA_, clock_.now() - std::chrono::hours{24 * 91}, std::nullopt));
  EXPECT_TRUE(hasField(err, "startDate"));
  err = mustFail(services_.auditExport.exportNdjson(owner(), orgA_, clock_.now(),
                                                    clock_.now() - std::chrono::seconds{1}));
  EXPECT_TRUE(hasField(err, "startDate"));
  EXPECT_EQ(mustFail(services_.auditExport.exportNdjson(userCaller(billingUser_), orgA_,
                                                        std::nullopt, std::nullopt))
                .message,
            "permission denied: ORGANIZATION_BILLING_ADMIN cannot export the audit log");
}

TEST(AuditRecordJsonLine, HasEveryFieldAndJsonValues) {
  store::AuditRecord r;
  r.id = "cid";
  r.time = kStart;
  r.organizationId = "corg";
  r.actorType = "USER";
  r.actorId = "cu";
  r.actorName = "Ada";
  r.action = "team.update";
  r.targetType = "TEAM";
  r.targetId = "ct";
  r.targetName = "T";
  r.requestId = "req";
  r.sourceAddress = "192.0.2.1";
  r.userAgent = "ua";
  r.outcome = "SUCCESS";
  r.changes = {AuditLog::change("name", "\"a\"", "\"b\""),
               AuditLog::change("memberIds", std::nullopt, "[\"x\"]")};
  r.chainSeq = 7;
  r.prevHash = "p";
  r.hash = "h";
  EXPECT_EQ(
      core::auditRecordToJsonLine(r),
      "{\"id\":\"cid\",\"time\":\"2024-01-01T00:00:00Z\",\"organizationId\":\"corg\","
      "\"actor\":{\"type\":\"USER\",\"id\":\"cu\",\"name\":\"Ada\"},\"action\":\"team."
      "update\",\"target\":{\"type\":\"TEAM\",\"id\":\"ct\",\"name\":\"T\"},\"requestId\":"
      "\"req\",\"sourceAddress\":\"192.0.2.1\",\"userAgent\":\"ua\",\"outcome\":\"SUCCESS\","
      "\"reason\":\"\",\"changes\":[{\"field\":\"name\",\"oldValue\":\"a\",\"newValue\":\"b\"},"
      "{\"field\":\"memberIds\",\"oldValue\":null,\"newValue\":[\"x\"]}],"
      "\"seq\":7,\"prevHash\":\"p\",\"hash\":\"h\"}");
}

}  // namespace
}  // namespace astro::service::testing
