// A service layer over an in-memory SQLite store (or, with ASTRO_TEST_STORE=postgres, a fresh
// PostgreSQL database: support/test_stores.h) with a FakeClock and deterministic randomness,
// seeded with two organizations, users of every organization role, and a token per role.
#pragma once

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>
#include <thread>

#include "core/ids.h"
#include "core/tokens/token_codec.h"
#include "service/services.h"
#include "store/sqlite/sqlite_store.h"
#include "support/test_stores.h"

namespace astro::service::testing {

inline core::Timestamp kStart =
    core::Timestamp{std::chrono::seconds{1704067200}};  // 2024-01-01T00:00:00Z

// splitmix64: repeatable bytes, so IDs and token values are the same on every run.
inline core::RandomBytes deterministicRandom(std::uint64_t seed) {
  auto state = std::make_shared<std::uint64_t>(seed);
  return [state](std::span<std::uint8_t> out) {
    for (auto& b : out) {
      std::uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      b = static_cast<std::uint8_t>(z ^ (z >> 31));
    }
  };
}

struct SeededUser {
  std::string id;
  std::string email;
  core::OrgRole role;
};

struct SeededToken {
  std::string id;
  std::string value;
  core::OrgRole role;
};

// Another writer holding the store's write lock (a write transaction open on a thread of its own)
// from construction until release() or destruction.
class WriteLockHolder {
 public:
  explicit WriteLockHolder(store::Store& store)
      : thread_([this, &store] {
          auto tx = store.begin(store::Store::Mode::Write);
          locked_.set_value();
          release_.get_future().wait();
        }) {
    locked_.get_future().wait();
  }
  ~WriteLockHolder() { release(); }
  WriteLockHolder(const WriteLockHolder&) = delete;
  WriteLockHolder& operator=(const WriteLockHolder&) = delete;
  void release() {
    if (!thread_.joinable()) return;
    release_.set_value();
    thread_.join();
  }

 private:
  std::promise<void> locked_, release_;
  std::thread thread_;  // last: started once the promises exist
};

class ServiceTest : public ::testing::Test {
 protected:
  ServiceTest()
      : ownedStore_(astro::testing::makeTestStore()),
        store_(*ownedStore_),
        clock_(kStart),
        random_(deterministicRandom(42)),
        services_(store_, clock_, random_) {
    auto tx = store_.begin(store::Store::Mode::Write);
    orgA_ = makeOrg(*tx, "Org A");
    orgB_ = makeOrg(*tx, "Org B");
    ownerUser_ = makeUser(*tx, "owner@a.example", orgA_, core::OrgRole::Owner);
    billingUser_ = makeUser(*tx, "billing@a.example", orgA_, core::OrgRole::BillingAdmin);
    memberUser_ = makeUser(*tx, "member@a.example", orgA_, core::OrgRole::Member);
    outsiderUser_ = makeUser(*tx, "owner@b.example", orgB_, core::OrgRole::Owner);
    ownerToken_ = makeToken(*tx, orgA_, "owner token", core::OrgRole::Owner);
    billingToken_ = makeToken(*tx, orgA_, "billing token", core::OrgRole::BillingAdmin);
    memberToken_ = makeToken(*tx, orgA_, "member token", core::OrgRole::Member);
    outsiderToken_ = makeToken(*tx, orgB_, "b owner token", core::OrgRole::Owner);
    tx->commit();
  }

  std::string makeOrg(store::Transaction& tx, std::string name) {
    core::Organization o;
    o.id = core::generateId(random_);
    o.name = std::move(name);
    o.createdAt = o.updatedAt = clock_.now();
    o.createdBy.id = "system";
    o.updatedBy.id = "system";
    tx.organizations().insert(o);
    clock_.advance(std::chrono::seconds{1});
    return o.id;
  }

  SeededUser makeUser(store::Transaction& tx, std::string email, const std::string& org,
                      core::OrgRole role) {
    store::UserRecord u;
    u.id = core::generateId(random_);
    u.email = email;
    u.fullName = email.substr(0, email.find('@'));
    u.createdAt = u.updatedAt = clock_.now();
    tx.users().insert(u);
    tx.users().upsertMembership({org, u.id, role, clock_.now(), clock_.now()});
    return {u.id, email, role};
  }

  SeededToken makeToken(store::Transaction& tx, const std::string& org, std::string name,
                        core::OrgRole role) {
    const std::string value =
        core::generateTokenValue(core::TokenScopeTag::Organization, "", random_);
    store::TokenRecord r;
    r.organizationId = org;
    r.valueHash = core::hashTokenValue(value);
    r.token.id = core::generateId(random_);
    r.token.name = std::move(name);
    r.token.shortToken = core::shortTokenOf(value);
    r.token.roles = {{"ORGANIZATION", org, std::string(core::toString(role)), std::nullopt}};
    r.token.startAt = r.token.createdAt = r.token.updatedAt = clock_.now();
    tx.tokens().insert(r);
    return {r.token.id, value, role};
  }

  // A target token of org A for tests that change or delete one.
  SeededToken newTargetToken(std::string name = "target") {
    auto tx = store_.begin(store::Store::Mode::Write);
    auto t = makeToken(*tx, orgA_, std::move(name), core::OrgRole::Member);
    tx->commit();
    return t;
  }

  Caller userCaller(const SeededUser& u) {
    Caller c;
    c.subject.type = core::SubjectType::User;
    c.subject.id = u.id;
    c.subject.name = u.email.substr(0, u.email.find('@'));
    c.subject.profile.id = u.id;
    c.subject.profile.subjectType = core::SubjectType::User;
    c.subject.profile.username = u.email;
    c.subject.profile.fullName = c.subject.name;
    c.meta = {"req-" + u.id.substr(0, 6), "192.0.2.1", "astro-cli/test"};
    return c;
  }

  Caller tokenCaller(const std::string& value) {
    auto subject = services_.auth.authenticate("Bearer " + value);
    EXPECT_TRUE(subject.ok()) << (subject.ok() ? "" : subject.error().message);
    Caller c;
    if (subject.ok()) c.subject = *subject;
    c.meta = {"req-token", "192.0.2.2", "astro-cli/test"};
    return c;
  }

  std::optional<store::TokenRecord> findToken(const std::string& org, const std::string& id) {
    return store_.begin(store::Store::Mode::Read)->tokens().find(org, id);
  }

  std::vector<store::AuditRecord> auditOf(const std::string& org) {
    return store_.begin(store::Store::Mode::Read)
        ->audit()
        .list(org, core::Timestamp{}, core::Timestamp{std::chrono::seconds{1LL << 40}});
  }

  std::int64_t tokenCount(const std::string& org) {
    core::ListQuery q;
    q.limit = 1;
    return store_.begin(store::Store::Mode::Read)->tokens().list(org, {}, q).totalCount;
  }

  std::unique_ptr<store::Store> ownedStore_;
  store::Store& store_;
  FakeClock clock_;
  core::RandomBytes random_;
  Services services_;
  std::string orgA_, orgB_;
  SeededUser ownerUser_, billingUser_, memberUser_, outsiderUser_;
  SeededToken ownerToken_, billingToken_, memberToken_, outsiderToken_;
};

inline core::CreateApiTokenRequest createRequest(const std::string& name, std::string role,
                                                 std::optional<int> expiry = std::nullopt) {
  core::CreateApiTokenRequest r;
  r.name = name;
  r.role = std::move(role);
  r.scope = "ORGANIZATION";
  r.tokenExpiryPeriodInDays = expiry;
  return r;
}

inline core::UpdateApiTokenRolesRequest rolesRequest(const std::string& org, std::string role) {
  core::UpdateApiTokenRolesRequest r;
  r.roles = {{"ORGANIZATION", org, std::move(role), std::nullopt}};
  return r;
}

}  // namespace astro::service::testing
