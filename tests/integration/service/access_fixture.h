// Helpers for the access-model service tests: targets (a member, a team, an invite, a workspace)
// created straight in the store, and a MEMBER user who belongs to an OWNER team.
#pragma once

#include "service_fixture.h"

namespace astro::service::testing {

struct AccessTargets {
  std::string userId;
  std::string teamId;
  std::string inviteId;
  std::string workspaceId;
};

class AccessTest : public ServiceTest {
 protected:
  AccessTest() {
    auto tx = store_.begin(store::Store::Mode::Write);
    teamMemberUser_ = makeUser(*tx, "teamowner@a.example", orgA_, core::OrgRole::Member);
    ownerTeamId_ = makeTeam(*tx, orgA_, "Owners team", core::OrgRole::Owner);
    tx->teams().addMember(ownerTeamId_, teamMemberUser_.id, clock_.now());
    tx->commit();
  }

  std::string makeTeam(store::Transaction& tx, const std::string& org, std::string name,
                       core::OrgRole role, std::optional<std::string> description = std::nullopt) {
    core::Team t;
    t.id = core::generateId(random_);
    t.name = std::move(name);
    t.organizationId = org;
    t.description = std::move(description);
    t.organizationRole = std::string(core::toString(role));
    t.createdAt = t.updatedAt = clock_.now();
    tx.teams().insert(t);
    return t.id;
  }

  std::string makeWorkspace(store::Transaction& tx, const std::string& org, std::string name) {
    core::Workspace w;
    w.id = core::generateId(random_);
    w.name = std::move(name);
    w.organizationId = org;
    w.createdAt = w.updatedAt = clock_.now();
    tx.workspaces().insert(w);
    return w.id;
  }

  AccessTargets makeTargets() {
    static int n = 0;
    ++n;
    auto tx = store_.begin(store::Store::Mode::Write);
    AccessTargets t;
    t.userId =
        makeUser(*tx, "target" + std::to_string(n) + "@a.example", orgA_, core::OrgRole::Member).id;
    t.teamId = makeTeam(*tx, orgA_, "target team " + std::to_string(n), core::OrgRole::Member);
    tx->teams().addMember(t.teamId, t.userId, clock_.now());
    t.workspaceId = makeWorkspace(*tx, orgA_, "target ws " + std::to_string(n));
    store::UserRecord invitee;
    invitee.id = core::generateId(random_);
    invitee.email = "invitee" + std::to_string(n) + "@a.example";
    invitee.status = "PENDING";
    invitee.createdAt = invitee.updatedAt = clock_.now();
    tx->users().insert(invitee);
    tx->users().upsertMembership(
        {orgA_, invitee.id, core::OrgRole::Member, clock_.now(), clock_.now(), "PENDING"});
    store::InviteRecord inv;
    inv.id = core::generateId(random_);
    inv.organizationId = orgA_;
    inv.email = invitee.email;
    inv.userId = invitee.id;
    inv.createdAt = clock_.now();
    inv.expiresAt = clock_.now() + std::chrono::hours{24 * 7};
    tx->invites().insert(inv);
    t.inviteId = inv.id;
    tx->commit();
    return t;
  }

  Caller owner() { return userCaller(ownerUser_); }

  std::vector<core::User> allUsers(const std::string& org) {
    core::ListQuery q;
    q.limit = 1000;
    auto page = services_.users.list(owner(), org, q);
    EXPECT_TRUE(page.ok());
    return page.ok() ? page->items : std::vector<core::User>{};
  }

  SeededUser teamMemberUser_;
  std::string ownerTeamId_;
};

template <typename T>
std::optional<core::Error> errorOf(const core::Result<T>& r) {
  if (r.ok()) return std::nullopt;
  return r.error();
}

inline core::ListQuery pageQuery(int offset, int limit, std::vector<core::SortKey> sorts = {}) {
  core::ListQuery q;
  q.offset = offset;
  q.limit = limit;
  q.sorts = std::move(sorts);
  return q;
}

}  // namespace astro::service::testing
