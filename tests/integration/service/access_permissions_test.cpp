// Who may do what in the access model: every user, invite, team, role, workspace and audit-export
// operation for MEMBER, BILLING_ADMIN and OWNER subjects, as users and as API tokens, and for a
// MEMBER user who belongs to an OWNER team; and 404 for every operation across organizations.
#include <functional>

#include "access_fixture.h"

namespace astro::service::testing {
namespace {

struct Operation {
  std::string action;
  core::OrgRole minimum;  // the lowest effective organization role allowed
  // Workspace update/delete: without a role on the workspace it does not exist for the caller.
  bool hiddenBelowMinimum = false;
  std::function<std::optional<core::Error>(Services&, const Caller&, const std::string& org,
                                           const AccessTargets&)>
      run;
};

using R = core::OrgRole;

std::vector<Operation> operations() {
  static int n = 0;
  return {
      {"user.list", R::Member, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets&) {
         return errorOf(s.users.list(c, org, {}));
       }},
      {"user.get", R::Member, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets& t) {
         return errorOf(s.users.get(c, org, t.userId));
       }},
      {"user.updateRoles", R::Owner, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets& t) {
         core::UpdateUserRolesRequest r;
         r.organizationRole = "ORGANIZATION_BILLING_ADMIN";
         return errorOf(s.users.updateRoles(c, org, t.userId, r));
       }},
      {"user.remove", R::Owner, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets& t) {
         return errorOf(s.users.remove(c, org, t.userId));
       }},
      {"invite.create", R::Owner, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets&) {
         return errorOf(s.invites.create(
             c, org, {"New" + std::to_string(++n) + "@Example.com", "ORGANIZATION_MEMBER"}));
       }},
      {"invite.delete", R::Owner, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets& t) {
         return errorOf(s.invites.remove(c, org, t.inviteId));
       }},
      {"team.list", R::Member, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets&) {
         return errorOf(s.teams.list(c, org, {}, {}));
       }},
      {"team.get", R::Member, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets& t) {
         return errorOf(s.teams.get(c, org, t.teamId));
       }},
      {"team.listMembers", R::Member, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets& t) {
         return errorOf(s.teams.listMembers(c, org, t.teamId, {}));
       }},
      {"team.create", R::Owner, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets&) {
         core::CreateTeamRequest r;
         r.name = "new team " + std::to_string(++n);
         return errorOf(s.teams.create(c, org, r));
       }},
      {"team.update", R::Owner, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets& t) {
         core::UpdateTeamRequest r;
         r.name = "renamed team " + std::to_string(++n);
         return errorOf(s.teams.update(c, org, t.teamId, r));
       }},
      {"team.delete", R::Owner, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets& t) {
         return errorOf(s.teams.remove(c, org, t.teamId));
       }},
      {"team.addMembers", R::Owner, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets& t) {
         core::AddTeamMembersRequest r;
         r.memberIds = {t.userId};
         return errorOf(s.teams.addMembers(c, org, t.teamId, r));
       }},
      {"team.removeMember", R::Owner, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets& t) {
         return errorOf(s.teams.removeMember(c, org, t.teamId, t.userId));
       }},
      {"team.updateRoles", R::Owner, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets& t) {
         core::UpdateTeamRolesRequest r;
         r.organizationRole = "ORGANIZATION_BILLING_ADMIN";
         r.workspaceRoles =
             std::vector<core::WorkspaceRoleEntry>{{t.workspaceId, "WORKSPACE_AUTHOR"}};
         return errorOf(s.teams.updateRoles(c, org, t.teamId, r));
       }},
      {"role.list", R::Member, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets&) {
         return errorOf(s.roles.list(c, org, true, {}));
       }},
      {"workspace.list", R::Member, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets&) {
         return errorOf(s.workspaces.list(c, org, {}, {}));
       }},
      {"workspace.create", R::Member, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets&) {
         return errorOf(s.workspaces.create(c, org, {"ws " + std::to_string(++n), {}, {}}));
       }},
      {"workspace.get", R::Owner, true,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets& t) {
         return errorOf(s.workspaces.get(c, org, t.workspaceId));
       }},
      {"workspace.update", R::Owner, true,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets& t) {
         return errorOf(s.workspaces.update(c, org, t.workspaceId, {"renamed ws", {}, {}}));
       }},
      {"workspace.delete", R::Owner, true,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets& t) {
         return errorOf(s.workspaces.remove(c, org, t.workspaceId));
       }},
      {"auditLog.export", R::Owner, false,
       [](Services& s, const Caller& c, const std::string& org, const AccessTargets&) {
         return errorOf(s.auditExport.exportNdjson(c, org, std::nullopt, std::nullopt));
       }},
  };
}

class AccessPermissionsTest : public AccessTest {};

TEST_F(AccessPermissionsTest, EveryOperationForEveryRoleAsUserTokenAndTeamMember) {
  struct SubjectCase {
    std::string label;
    core::OrgRole effective;
    std::function<Caller()> caller;
  };
  const std::vector<SubjectCase> subjects{
      {"owner user", R::Owner, [&] { return userCaller(ownerUser_); }},
      {"billing user", R::BillingAdmin, [&] { return userCaller(billingUser_); }},
      {"member user", R::Member, [&] { return userCaller(memberUser_); }},
      {"owner token", R::Owner, [&] { return tokenCaller(ownerToken_.value); }},
      {"billing token", R::BillingAdmin, [&] { return tokenCaller(billingToken_.value); }},
      {"member token", R::Member, [&] { return tokenCaller(memberToken_.value); }},
      {"member user in an OWNER team", R::Owner, [&] { return userCaller(teamMemberUser_); }},
  };
  int cases = 0;
  for (const auto& subject : subjects) {
    for (const auto& op : operations()) {
      SCOPED_TRACE(subject.label + " / " + op.action);
      const AccessTargets targets = makeTargets();
      const Caller caller = subject.caller();
      const auto auditBefore = auditOf(orgA_).size();
      const auto err = op.run(services_, caller, orgA_, targets);
      ++cases;
      if (core::atLeast(subject.effective, op.minimum)) {
        EXPECT_FALSE(err) << err->message;
        continue;
      }
      ASSERT_TRUE(err);
      if (op.hiddenBelowMinimum) {
        EXPECT_EQ(err->code, core::ErrorCode::NotFound) << err->message;
        EXPECT_EQ(err->message, "workspace not found");
        EXPECT_EQ(auditOf(orgA_).size(), auditBefore);
        continue;
      }
      EXPECT_EQ(err->code, core::ErrorCode::Forbidden) << err->message;
      EXPECT_TRUE(err->message.starts_with(
          "permission denied: " + std::string(core::toString(subject.effective)) + " cannot "))
          << err->message;
      auto audit = auditOf(orgA_);
      ASSERT_EQ(audit.size(), auditBefore + 1);
      EXPECT_EQ(audit.back().outcome, "DENIED");
      EXPECT_EQ(audit.back().action, op.action);
      EXPECT_EQ(audit.back().reason, err->message);
      EXPECT_EQ(audit.back().actorId, caller.subject.id);
      EXPECT_TRUE(audit.back().changes.empty());
    }
  }
  EXPECT_EQ(cases, 7 * 22);
}

TEST_F(AccessPermissionsTest, AnotherOrganizationIsNotFoundForEveryOperation) {
  const std::vector<std::pair<std::string, std::function<Caller()>>> outsiders{
      {"org B owner user", [&] { return userCaller(outsiderUser_); }},
      {"org B owner token", [&] { return tokenCaller(outsiderToken_.value); }},
  };
  for (const auto& [label, makeCaller] : outsiders) {
    for (const auto& op : operations()) {
      SCOPED_TRACE(label + " / " + op.action);
      const AccessTargets targets = makeTargets();
      const auto auditBefore = auditOf(orgA_).size();
      const auto usersBefore = allUsers(orgA_);
      const auto err = op.run(services_, makeCaller(), orgA_, targets);
      ASSERT_TRUE(err);
      EXPECT_EQ(err->code, core::ErrorCode::NotFound);
      EXPECT_EQ(err->message, "organization not found");
      EXPECT_EQ(auditOf(orgA_).size(), auditBefore);
      EXPECT_EQ(allUsers(orgA_), usersBefore);
    }
  }
}

TEST_F(AccessPermissionsTest, ObjectsOfAnotherOrganizationAreNotFoundInYours) {
  // Org B's objects named through org A by org A's owner: 404, never a hint they exist.
  AccessTargets b;
  {
    auto tx = store_.begin(store::Store::Mode::Write);
    b.teamId = makeTeam(*tx, orgB_, "B team", R::Member);
    b.workspaceId = makeWorkspace(*tx, orgB_, "B ws");
    tx->commit();
  }
  b.userId = outsiderUser_.id;
  const Caller c = owner();
  EXPECT_EQ(services_.users.get(c, orgA_, b.userId).error().code, core::ErrorCode::NotFound);
  core::UpdateUserRolesRequest ur;
  ur.organizationRole = "ORGANIZATION_MEMBER";
  EXPECT_EQ(services_.users.updateRoles(c, orgA_, b.userId, ur).error().code,
            core::ErrorCode::NotFound);
  EXPECT_EQ(services_.users.remove(c, orgA_, b.userId).error().code, core::ErrorCode::NotFound);
  EXPECT_EQ(services_.teams.get(c, orgA_, b.teamId).error().message, "team not found");
  EXPECT_EQ(services_.teams.remove(c, orgA_, b.teamId).error().code, core::ErrorCode::NotFound);
  EXPECT_EQ(services_.teams.listMembers(c, orgA_, b.teamId, {}).error().code,
            core::ErrorCode::NotFound);
  EXPECT_EQ(services_.workspaces.get(c, orgA_, b.workspaceId).error().message,
            "workspace not found");
  EXPECT_EQ(services_.workspaces.remove(c, orgA_, b.workspaceId).error().code,
            core::ErrorCode::NotFound);
  EXPECT_EQ(services_.invites.remove(c, orgA_, "c000000000000000000000000").error().message,
            "invite not found");
  // A workspace of org B cannot be granted in org A (400: it does not exist there).
  core::UpdateTeamRolesRequest tr;
  tr.organizationRole = "ORGANIZATION_MEMBER";
  tr.workspaceRoles = std::vector<core::WorkspaceRoleEntry>{{b.workspaceId, "WORKSPACE_MEMBER"}};
  EXPECT_EQ(services_.teams.updateRoles(c, orgA_, ownerTeamId_, tr).error().code,
            core::ErrorCode::InvalidInput);
  auto still = store_.begin(store::Store::Mode::Read);
  EXPECT_TRUE(still->teams().find(orgB_, b.teamId));
  EXPECT_TRUE(still->workspaces().find(orgB_, b.workspaceId));
}

}  // namespace
}  // namespace astro::service::testing
