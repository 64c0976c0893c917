// The token lifecycle (product.md "Tokens"): create, update, roles, rotate, delete, expiry,
// validation that changes nothing, audit records with old and new values and never a secret.
#include <gmock/gmock.h>

#include <algorithm>

#include "core/json/api_json.h"
#include "service_fixture.h"

namespace astro::service::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;

constexpr std::int64_t kDay = 86400;

class TokenServiceTest : public ServiceTest {
 protected:
  Caller owner() { return userCaller(ownerUser_); }

  core::ApiToken create(core::CreateApiTokenRequest r) {
    auto t = services_.tokens.create(owner(), orgA_, r);
    EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
    return t.ok() ? *t : core::ApiToken{};
  }

  const store::AuditChange* changeOf(const store::AuditRecord& r, const std::string& field) {
    for (const auto& c : r.changes)
      if (c.field == field) return &c;
    return nullptr;
  }
};

TEST_F(TokenServiceTest, CreateReturnsTheValueOnceAndStoresOnlyItsHash) {
  auto req = createRequest("ci deploy", "ORGANIZATION_BILLING_ADMIN", 30);
  req.description = "for CI";
  req.kind = "DIRECT_ACCESS";
  req.entityId = orgA_;
  const auto now = clock_.now();
  core::ApiToken t = create(req);
  ASSERT_TRUE(t.token);
  EXPECT_TRUE(core::parseTokenValue(*t.token).ok());
  EXPECT_TRUE(core::isCuid(t.id));
  EXPECT_EQ(t.name, "ci deploy");
  EXPECT_EQ(t.description, "for CI");
  EXPECT_EQ(t.kind, "DIRECT_ACCESS");
  EXPECT_EQ(t.scope, "ORGANIZATION");
  EXPECT_EQ(t.shortToken, core::shortTokenOf(*t.token));
  EXPECT_EQ(t.startAt, now);
  EXPECT_EQ(t.createdAt, now);
  EXPECT_EQ(t.expiryPeriodInDays, 30);
  EXPECT_EQ(t.endAt, now + std::chrono::seconds{30 * kDay});
  ASSERT_EQ(t.roles.size(), 1u);
  EXPECT_EQ(t.roles[0], (core::ApiTokenRole{"ORGANIZATION", orgA_, "ORGANIZATION_BILLING_ADMIN",
                                            std::nullopt}));
  ASSERT_TRUE(t.createdBy);
  EXPECT_EQ(t.createdBy->id, ownerUser_.id);
  EXPECT_EQ(t.updatedBy, t.createdBy);

  auto stored = findToken(orgA_, t.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->valueHash, core::hashTokenValue(*t.token));
  EXPECT_FALSE(stored->token.token);
  core::ApiToken withoutValue = t;
  withoutValue.token.reset();
  EXPECT_EQ(stored->token, withoutValue);

  // get never shows the value; the new token authenticates with its role.
  auto got = services_.tokens.get(owner(), orgA_, t.id);
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->token);
  auto subject = services_.auth.authenticate("Bearer " + *t.token);
  ASSERT_TRUE(subject.ok());
  EXPECT_EQ(subject->tokenOrgRole, core::OrgRole::BillingAdmin);

  auto audit = auditOf(orgA_);
  ASSERT_FALSE(audit.empty());
  const auto& rec = audit.back();
  EXPECT_EQ(rec.action, "apiToken.create");
  EXPECT_EQ(rec.outcome, "SUCCESS");
  EXPECT_EQ(rec.targetType, "API_TOKEN");
  EXPECT_EQ(rec.targetId, t.id);
  EXPECT_EQ(rec.targetName, "ci deploy");
  EXPECT_EQ(rec.actorType, "USER");
  EXPECT_EQ(rec.actorId, ownerUser_.id);
  EXPECT_EQ(rec.sourceAddress, "192.0.2.1");
  EXPECT_EQ(rec.userAgent, "astro-cli/test");
  ASSERT_TRUE(changeOf(rec, "name"));
  EXPECT_FALSE(changeOf(rec, "name")->oldValue);
  EXPECT_EQ(changeOf(rec, "name")->newValue, "\"ci deploy\"");
  EXPECT_EQ(changeOf(rec, "role")->newValue, "\"ORGANIZATION_BILLING_ADMIN\"");
  EXPECT_EQ(changeOf(rec, "expiryPeriodInDays")->newValue, "30");
  EXPECT_EQ(changeOf(rec, "endAt")->newValue,
            "\"" + core::formatRfc3339(now + std::chrono::seconds{30 * kDay}) + "\"");
}

TEST_F(TokenServiceTest, CreateWithoutExpiryNeverExpires) {
  core::ApiToken t = create(createRequest("forever", "ORGANIZATION_MEMBER"));
  EXPECT_FALSE(t.endAt);
  EXPECT_FALSE(t.expiryPeriodInDays);
  EXPECT_EQ(t.kind, "STANDARD");
  EXPECT_EQ(t.description, "");
  clock_.advance(std::chrono::seconds{3650 * kDay});
  EXPECT_TRUE(services_.auth.authenticate(*t.token).ok());
}

TEST_F(TokenServiceTest, InstancePrefixIsPlacedInIssuedValues) {
  ServiceSettings settings;
  settings.tokenInstancePrefix = "prod1";
  Services prefixed(store_, clock_, random_, settings);
  auto t = prefixed.tokens.create(owner(), orgA_, createRequest("p", "ORGANIZATION_MEMBER"));
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->token->starts_with("astro_org_prod1_"));
  EXPECT_TRUE(prefixed.auth.authenticate(*t->token).ok());
}

TEST_F(TokenServiceTest, ExpiryFollowsTheClock) {
  core::ApiToken t = create(createRequest("short", "ORGANIZATION_MEMBER", 1));
  EXPECT_TRUE(services_.auth.authenticate(*t.token).ok());
  clock_.advance(std::chrono::seconds{kDay - 1});
  EXPECT_TRUE(services_.auth.authenticate(*t.token).ok());
  clock_.advance(std::chrono::seconds{1});
  auto r = services_.auth.authenticate(*t.token);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, core::ErrorCode::Unauthenticated);
  EXPECT_EQ(r.error().message, "API token has expired");
}

TEST_F(TokenServiceTest, UpdateRenamesKeepsDescriptionAndAudits) {
  auto req = createRequest("old name", "ORGANIZATION_MEMBER");
  req.description = "keep me";
  core::ApiToken t = create(req);
  clock_.advance(std::chrono::seconds{60});
  core::UpdateApiTokenRequest up;
  up.name = "new name";
  auto r = services_.tokens.update(tokenCaller(ownerToken_.value), orgA_, t.id, up);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->name, "new name");
  EXPECT_EQ(r->description, "keep me");
  EXPECT_EQ(r->updatedAt, clock_.now());
  EXPECT_EQ(r->createdAt, t.createdAt);
  ASSERT_TRUE(r->updatedBy);
  EXPECT_EQ(r->updatedBy->id, ownerToken_.id);
  EXPECT_EQ(r->updatedBy->subjectType, core::SubjectType::ServiceKey);
  EXPECT_EQ(r->updatedBy->apiTokenName, "owner token");
  EXPECT_FALSE(r->token);
  EXPECT_EQ(findToken(orgA_, t.id)->token, *r);

  const auto rec = auditOf(orgA_).back();
  EXPECT_EQ(rec.action, "apiToken.update");
  EXPECT_EQ(rec.actorType, "SERVICEKEY");
  EXPECT_EQ(rec.actorName, "owner token");
  EXPECT_THAT(rec.changes, ElementsAre(store::AuditChange{"name", "\"old name\"", "\"new name\""}));
}

TEST_F(TokenServiceTest, UpdateExpirySetsEndAtFromNow) {
  core::ApiToken t = create(createRequest("x", "ORGANIZATION_MEMBER", 10));
  clock_.advance(std::chrono::seconds{5 * kDay});
  core::UpdateApiTokenRequest up;
  up.name = "x";
  up.description = "now described";
  up.tokenExpiryPeriodInDays = 90;
  auto r = services_.tokens.update(owner(), orgA_, t.id, up);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->expiryPeriodInDays, 90);
  EXPECT_EQ(r->endAt, clock_.now() + std::chrono::seconds{90 * kDay});
  EXPECT_EQ(r->description, "now described");
  const auto rec = auditOf(orgA_).back();
  EXPECT_THAT(rec.changes,
              ElementsAre(Field(&store::AuditChange::field, "description"),
                          store::AuditChange{"expiryPeriodInDays", "10", "90"},
                          store::AuditChange{"endAt", "\"" + core::formatRfc3339(*t.endAt) + "\"",
                                             "\"" + core::formatRfc3339(*r->endAt) + "\""}));
  // The new expiry is what authentication enforces.
  clock_.advance(std::chrono::seconds{89 * kDay});
  EXPECT_TRUE(services_.auth.authenticate(*t.token).ok());
  clock_.advance(std::chrono::seconds{kDay});
  EXPECT_EQ(services_.auth.authenticate(*t.token).error().message, "API token has expired");
}

TEST_F(TokenServiceTest, UpdateRolesReplacesTheSetAndAudits) {
  core::ApiToken t = create(createRequest("r", "ORGANIZATION_MEMBER"));
  auto r =
      services_.tokens.updateRoles(owner(), orgA_, t.id, rolesRequest(orgA_, "ORGANIZATION_OWNER"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->organizationRole, "ORGANIZATION_OWNER");
  auto stored = findToken(orgA_, t.id);
  ASSERT_EQ(stored->token.roles.size(), 1u);
  EXPECT_EQ(stored->token.roles[0].role, "ORGANIZATION_OWNER");
  EXPECT_EQ(services_.auth.authenticate(*t.token)->tokenOrgRole, core::OrgRole::Owner);
  const auto rec = auditOf(orgA_).back();
  EXPECT_EQ(rec.action, "apiToken.updateRoles");
  ASSERT_EQ(rec.changes.size(), 1u);
  EXPECT_EQ(rec.changes[0].field, "roles");
  EXPECT_NE(rec.changes[0].oldValue->find("ORGANIZATION_MEMBER"), std::string::npos);
  EXPECT_NE(rec.changes[0].newValue->find("ORGANIZATION_OWNER"), std::string::npos);
}

TEST_F(TokenServiceTest, RotateInvalidatesTheOldValueAtOnce) {
  core::ApiToken t = create(createRequest("rot", "ORGANIZATION_MEMBER", 7));
  clock_.advance(std::chrono::seconds{3 * kDay});
  auto r = services_.tokens.rotate(owner(), orgA_, t.id);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(r->token);
  EXPECT_NE(*r->token, *t.token);
  EXPECT_EQ(r->id, t.id);
  EXPECT_EQ(r->lastRotatedAt, clock_.now());
  EXPECT_EQ(r->endAt, clock_.now() + std::chrono::seconds{7 * kDay});  // restarts from now
  EXPECT_EQ(r->shortToken, core::shortTokenOf(*r->token));

  auto old = services_.auth.authenticate("Bearer " + *t.token);
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().code, core::ErrorCode::Unauthenticated);
  EXPECT_EQ(old.error().message, "API token has been rotated; use the new token value");
  auto fresh = services_.auth.authenticate("Bearer " + *r->token);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->id, t.id);

  const auto rec = auditOf(orgA_).back();
  EXPECT_EQ(rec.action, "apiToken.rotate");
  EXPECT_EQ(rec.changes[0], (store::AuditChange{"lastRotatedAt", std::nullopt,
                                                "\"" + core::formatRfc3339(clock_.now()) + "\""}));
  EXPECT_EQ(rec.changes.size(), 2u);  // lastRotatedAt and endAt

  // Rotating again retires the second value too; the first still says "rotated".
  auto again = services_.tokens.rotate(owner(), orgA_, t.id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(services_.auth.authenticate(*r->token).error().message,
            "API token has been rotated; use the new token value");
  EXPECT_TRUE(services_.auth.authenticate(*again->token).ok());
}

TEST_F(TokenServiceTest, RotateWithoutExpiryKeepsNoEndAt) {
  core::ApiToken t = create(createRequest("rot", "ORGANIZATION_MEMBER"));
  auto r = services_.tokens.rotate(owner(), orgA_, t.id);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->endAt);
  EXPECT_EQ(auditOf(orgA_).back().changes.size(), 1u);
}

TEST_F(TokenServiceTest, DeleteInvalidatesAtOnce) {
  core::ApiToken t = create(createRequest("doomed", "ORGANIZATION_MEMBER"));
  const auto count = tokenCount(orgA_);
  ASSERT_TRUE(services_.tokens.remove(owner(), orgA_, t.id).ok());
  EXPECT_EQ(tokenCount(orgA_), count - 1);
  auto r = services_.auth.authenticate(*t.token);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "API token has been deleted");
  EXPECT_EQ(services_.tokens.get(owner(), orgA_, t.id).error().code, core::ErrorCode::NotFound);
  auto again = services_.tokens.remove(owner(), orgA_, t.id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, "API token not found");
  const auto rec = auditOf(orgA_).back();
  EXPECT_EQ(rec.action, "apiToken.delete");
  EXPECT_EQ(rec.targetName, "doomed");
  EXPECT_EQ(rec.changes[0], (store::AuditChange{"name", "\"doomed\"", std::nullopt}));
}

TEST_F(TokenServiceTest, ATokenMayDeleteItselfAndIsRejectedAfterwards) {
  const Caller self = tokenCaller(ownerToken_.value);
  ASSERT_TRUE(services_.tokens.remove(self, orgA_, ownerToken_.id).ok());
  EXPECT_EQ(services_.auth.authenticate(ownerToken_.value).error().message,
            "API token has been deleted");
}

struct BadInput {
  std::string label;
  std::string field;  // the field error expected
  std::function<core::Error(TokenServiceTest&, Services&, const Caller&, const std::string& org,
                            const std::string& id)>
      run;
};

template <typename T>
core::Error mustFail(core::Result<T> r) {
  EXPECT_FALSE(r.ok());
  return r.ok() ? core::Error{} : r.error();
}

TEST_F(TokenServiceTest, BadInputChangesNothingAndIsAuditedAsFailed) {
  auto create = [](std::function<void(core::CreateApiTokenRequest&)> edit) {
    return [edit](TokenServiceTest&, Services& s, const Caller& c, const std::string& org,
                  const std::string&) {
      auto r = createRequest("ok", "ORGANIZATION_MEMBER");
      edit(r);
      return mustFail(s.tokens.create(c, org, r));
    };
  };
  auto update = [](std::function<void(core::UpdateApiTokenRequest&)> edit) {
    return [edit](TokenServiceTest&, Services& s, const Caller& c, const std::string& org,
                  const std::string& id) {
      core::UpdateApiTokenRequest r;
      r.name = "ok";
      edit(r);
      return mustFail(s.tokens.update(c, org, id, r));
    };
  };
  auto roles = [](std::function<void(core::UpdateApiTokenRolesRequest&, const std::string&)> edit) {
    return [edit](TokenServiceTest&, Services& s, const Caller& c, const std::string& org,
                  const std::string& id) {
      auto r = rolesRequest(org, "ORGANIZATION_MEMBER");
      edit(r, org);
      return mustFail(s.tokens.updateRoles(c, org, id, r));
    };
  };
  const std::vector<BadInput> cases{
      {"create empty name", "name", create([](auto& r) { r.name = "  "; })},
      {"create long name", "name", create([](auto& r) { r.name = std::string(257, 'n'); })},
      {"create bad role", "role", create([](auto& r) { r.role = "WORKSPACE_OWNER"; })},
      {"create lower-case role", "role", create([](auto& r) { r.role = "organization_owner"; })},
      {"create workspace scope", "scope", create([](auto& r) { r.scope = "WORKSPACE"; })},
      {"create empty scope", "scope", create([](auto& r) { r.scope = ""; })},
      {"create other entity", "entityId",
       create([](auto& r) { r.entityId = "c000000000000000000000000"; })},
      {"create bad kind", "kind", create([](auto& r) { r.kind = "SUPER"; })},
      {"create expiry 0", "tokenExpiryPeriodInDays",
       create([](auto& r) { r.tokenExpiryPeriodInDays = 0; })},
      {"create expiry 3651", "tokenExpiryPeriodInDays",
       create([](auto& r) { r.tokenExpiryPeriodInDays = 3651; })},
      {"create control chars", "description",
       create([](auto& r) { r.description = std::string("a\x01b"); })},
      {"update empty name", "name", update([](auto& r) { r.name = ""; })},
      {"update expiry -1", "tokenExpiryPeriodInDays",
       update([](auto& r) { r.tokenExpiryPeriodInDays = -1; })},
      {"update long description", "description",
       update([](auto& r) { r.description = std::string(1025, 'd'); })},
      {"roles empty", "roles", roles([](auto& r, const auto&) { r.roles.clear(); })},
      {"roles two org entries", "roles", roles([](auto& r, const auto& org) {
         r.roles.push_back({"ORGANIZATION", org, "ORGANIZATION_OWNER", std::nullopt});
       })},
      {"roles unknown workspace", "roles[1].entityId", roles([](auto& r, const auto&) {
         r.roles.push_back(
             {"WORKSPACE", "cw00000000000000000000000", "WORKSPACE_OWNER", std::nullopt});
       })},
      {"roles deployment entry", "roles[1].entityType", roles([](auto& r, const auto&) {
         r.roles.push_back(
             {"DEPLOYMENT", "cd00000000000000000000000", "DEPLOYMENT_ADMIN", std::nullopt});
       })},
      {"roles other org", "roles[0].entityId",
       roles([](auto& r, const auto&) { r.roles[0].entityId = "c000000000000000000000000"; })},
      {"roles bad role", "roles[0].role",
       roles([](auto& r, const auto&) { r.roles[0].role = "ORGANIZATION_GOD"; })},
      {"roles unknown type", "roles[0].entityType",
       roles([](auto& r, const auto&) { r.roles[0].entityType = "GALAXY"; })},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    const SeededToken target = newTargetToken();
    const auto before = findToken(orgA_, target.id);
    const auto countBefore = tokenCount(orgA_);
    const auto auditBefore = auditOf(orgA_);
    core::Error err = c.run(*this, services_, owner(), orgA_, target.id);
    EXPECT_EQ(err.code, core::ErrorCode::InvalidInput);
    bool hasField = false;
    for (const auto& f : err.fieldErrors) hasField |= f.field == c.field;
    EXPECT_TRUE(hasField) << err.message;
    EXPECT_EQ(findToken(orgA_, target.id)->token, before->token);
    EXPECT_EQ(findToken(orgA_, target.id)->valueHash, before->valueHash);
    EXPECT_EQ(tokenCount(orgA_), countBefore);
    auto auditAfter = auditOf(orgA_);
    ASSERT_EQ(auditAfter.size(), auditBefore.size() + 1);
    EXPECT_EQ(auditAfter.back().outcome, "FAILED");
    EXPECT_EQ(auditAfter.back().reason, err.message);
    EXPECT_TRUE(auditAfter.back().changes.empty());
  }
}

TEST_F(TokenServiceTest, EveryProblemIsReportedAtOnce) {
  core::CreateApiTokenRequest r;
  r.scope = "DEPLOYMENT";
  r.role = "nope";
  r.tokenExpiryPeriodInDays = 0;
  auto err = services_.tokens.create(owner(), orgA_, r).error();
  std::vector<std::string> fields;
  for (const auto& f : err.fieldErrors) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "role", "scope", "tokenExpiryPeriodInDays"}));
}

TEST_F(TokenServiceTest, NoTokenValueOrHashEverReachesTheAuditLog) {
  std::vector<std::string> secrets{ownerToken_.value, core::hashTokenValue(ownerToken_.value)};
  core::ApiToken t = create(createRequest("s", "ORGANIZATION_MEMBER", 5));
  secrets.push_back(*t.token);
  secrets.push_back(core::hashTokenValue(*t.token));
  core::UpdateApiTokenRequest up;
  up.name = "s2";
  up.tokenExpiryPeriodInDays = 9;
  ASSERT_TRUE(services_.tokens.update(owner(), orgA_, t.id, up).ok());
  ASSERT_TRUE(
      services_.tokens.updateRoles(owner(), orgA_, t.id, rolesRequest(orgA_, "ORGANIZATION_OWNER"))
          .ok());
  auto rotated = services_.tokens.rotate(tokenCaller(ownerToken_.value), orgA_, t.id);
  ASSERT_TRUE(rotated.ok());
  secrets.push_back(*rotated->token);
  secrets.push_back(core::hashTokenValue(*rotated->token));
  ASSERT_FALSE(services_.tokens.get(userCaller(memberUser_), orgA_, t.id).ok());
  ASSERT_TRUE(services_.tokens.remove(owner(), orgA_, t.id).ok());
  auto init = services_.organizations.init("ignored", "x@y.z");  // already initialised

  std::string all;
  for (const auto& org : {orgA_, orgB_}) {
    for (const auto& r : auditOf(org)) {
      all += r.id + r.actorId + r.actorName + r.action + r.targetId + r.targetName + r.reason +
             r.requestId + r.userAgent;
      for (const auto& c : r.changes)
        all += c.field + c.oldValue.value_or("") + c.newValue.value_or("");
    }
  }
  ASSERT_GE(auditOf(orgA_).size(), 6u);
  for (const auto& secret : secrets) {
    EXPECT_EQ(all.find(secret), std::string::npos);
    // Not even the random part of a value (which the shortToken handle does not cover fully).
    if (secret.starts_with("astro_")) {
      auto parsed = core::parseTokenValue(secret);
      ASSERT_TRUE(parsed.ok());
      EXPECT_EQ(all.find(parsed->random), std::string::npos);
    }
  }
}

TEST_F(TokenServiceTest, ListPagesSortsAndValidates) {
  for (int i = 0; i < 30; ++i) {
    create(createRequest(
        "tok-" + std::string(1, static_cast<char>('a' + (i * 7) % 26)) + std::to_string(i),
        "ORGANIZATION_MEMBER"));
    clock_.advance(std::chrono::seconds{1});
  }
  const auto total = tokenCount(orgA_);
  EXPECT_EQ(total, 33);  // 3 seeded in org A + 30

  core::ListQuery q;
  q.limit = 1000;
  q.sorts = {{"name", false}};
  auto all = services_.tokens.list(owner(), orgA_, {}, q);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->items.size(), 33u);
  std::vector<std::string> names;
  for (const auto& t : all->items) names.push_back(t.name);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));

  q.limit = 10;
  q.offset = 10;
  auto page = services_.tokens.list(owner(), orgA_, {}, q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->totalCount, 33);
  EXPECT_EQ(page->limit, 10);
  EXPECT_EQ(page->offset, 10);
  ASSERT_EQ(page->items.size(), 10u);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(page->items[i].id, all->items[10 + i].id);
  for (const auto& t : page->items) EXPECT_FALSE(t.token);

  q.sorts = {{"createdAt", true}};
  q.offset = 0;
  q.limit = 3;
  auto newest = services_.tokens.list(owner(), orgA_, {}, q);
  ASSERT_TRUE(newest.ok());
  EXPECT_GE(newest->items[0].createdAt, newest->items[1].createdAt);
  EXPECT_GE(newest->items[1].createdAt, newest->items[2].createdAt);

  struct Bad {
    int offset, limit;
    std::string sort, field;
  };
  for (const auto& b : std::vector<Bad>{{0, 0, "name", "limit"},
                                        {0, 1001, "name", "limit"},
                                        {-1, 10, "name", "offset"},
                                        {0, 10, "bogus", "sorts"},
                                        {0, 10, "lastUsedAt", "sorts"}}) {
    core::ListQuery bad;
    bad.offset = b.offset;
    bad.limit = b.limit;
    bad.sorts = {{b.sort, false}};
    auto r = services_.tokens.list(owner(), orgA_, {}, bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::InvalidInput);
    ASSERT_FALSE(r.error().fieldErrors.empty());
    EXPECT_EQ(r.error().fieldErrors[0].field, b.field);
  }
  core::ListQuery maxed;
  maxed.limit = 1000;
  for (const auto& field : {"createdAt", "description", "name", "tokenStartAt", "updatedAt"}) {
    maxed.sorts = {{field, true}};
    EXPECT_TRUE(services_.tokens.list(owner(), orgA_, {}, maxed).ok()) << field;
  }
}

// get and list reuse earlier reads until the next write transaction: every change must show on
// the next read, each query must keep its own page, and permission is checked before any reuse.
TEST_F(TokenServiceTest, CachedReadsFollowEveryChange) {
  auto names = [](const core::Page<core::ApiToken>& p) {
    std::vector<std::string> out;
    for (const auto& t : p.items) out.push_back(t.name);
    return out;
  };
  core::ListQuery firstPage;
  firstPage.limit = 100;
  auto before = services_.tokens.list(owner(), orgA_, {}, firstPage);
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(services_.tokens.list(owner(), orgA_, {}, firstPage).ok());  // now cached

  core::ApiToken t = create(createRequest("cached", "ORGANIZATION_MEMBER"));
  auto after = services_.tokens.list(owner(), orgA_, {}, firstPage);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->totalCount, before->totalCount + 1);
  EXPECT_EQ(names(*after).back(), "cached");

  // Other queries are other pages.
  core::ListQuery skipOne = firstPage;
  skipOne.offset = 1;
  core::ListQuery byNameDesc = firstPage;
  byNameDesc.sorts = {{"name", true}};
  auto skipped = services_.tokens.list(owner(), orgA_, {}, skipOne);
  auto sorted = services_.tokens.list(owner(), orgA_, {}, byNameDesc);
  ASSERT_TRUE(skipped.ok() && sorted.ok());
  EXPECT_EQ(skipped->items.size(), after->items.size() - 1);
  EXPECT_EQ(skipped->items.front().id, after->items[1].id);
  EXPECT_EQ(skipped->offset, 1);
  auto expected = names(*after);
  std::sort(expected.rbegin(), expected.rend());
  EXPECT_EQ(names(*sorted), expected);

  ASSERT_TRUE(services_.tokens.get(owner(), orgA_, t.id).ok());  // cached
  core::UpdateApiTokenRequest rename;
  rename.name = "renamed";
  ASSERT_TRUE(services_.tokens.update(owner(), orgA_, t.id, rename).ok());
  auto got = services_.tokens.get(owner(), orgA_, t.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "renamed");
  EXPECT_EQ(names(*services_.tokens.list(owner(), orgA_, {}, firstPage)).back(), "renamed");

  // A caller without the permission is refused even though the answer is cached.
  auto denied = services_.tokens.get(tokenCaller(memberToken_.value), orgA_, t.id);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, core::ErrorCode::Forbidden);
  auto deniedList = services_.tokens.list(tokenCaller(memberToken_.value), orgA_, {}, firstPage);
  ASSERT_FALSE(deniedList.ok());
  EXPECT_EQ(deniedList.error().code, core::ErrorCode::Forbidden);

  ASSERT_TRUE(services_.tokens.remove(owner(), orgA_, t.id).ok());
  auto gone = services_.tokens.get(owner(), orgA_, t.id);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, core::ErrorCode::NotFound);
  EXPECT_EQ(services_.tokens.list(owner(), orgA_, {}, firstPage)->totalCount, before->totalCount);
}

// A Store whose every transaction fails: the service answers 500 (409 for a conflict, 503 when
// the database cannot accept writes or gave no turn or connection within its timeout: a client may
// retry), never an exception.
class FailingStore : public store::Store {
 public:
  explicit FailingStore(store::StoreError::Kind kind) : kind_(kind) {}
  std::unique_ptr<store::Transaction> begin(Mode) override {
    throw store::StoreError(kind_, "disk on fire");
  }
  bool ping() override { return false; }
  std::uint64_t generation(std::string_view) const override { return 0; }

 private:
  store::StoreError::Kind kind_;
};

TEST_F(TokenServiceTest, StoreFailuresBecomeInternalErrorsOrConflicts) {
  for (auto [kind, code] :
       {std::pair{store::StoreError::Kind::Io, core::ErrorCode::Internal},
        std::pair{store::StoreError::Kind::Busy, core::ErrorCode::Unavailable},
        std::pair{store::StoreError::Kind::Retry, core::ErrorCode::Unavailable},
        std::pair{store::StoreError::Kind::Conflict, core::ErrorCode::Conflict},
        std::pair{store::StoreError::Kind::Unavailable, core::ErrorCode::Unavailable}}) {
    FailingStore failing(kind);
    Services s(failing, clock_, random_);
    auto created = s.tokens.create(owner(), orgA_, createRequest("x", "ORGANIZATION_MEMBER"));
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code, code);
    EXPECT_EQ(created.error().message.find("disk on fire"), std::string::npos);
    EXPECT_EQ(s.tokens.list(owner(), orgA_, {}, {}).error().code, code);
    EXPECT_EQ(s.organizations.get(owner(), orgA_).error().code, code);
    EXPECT_EQ(s.users.self(owner()).error().code, code);
    EXPECT_EQ(s.auth.authenticate(ownerToken_.value).error().code,
              code == core::ErrorCode::Conflict ? core::ErrorCode::Internal : code);
  }
}

}  // namespace
}  // namespace astro::service::testing
