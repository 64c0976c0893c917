// Organizations (list, get, the one-time init) and /users/self.
#include "service_fixture.h"

namespace astro::service::testing {
namespace {

class OrganizationServiceTest : public ServiceTest {};

TEST_F(OrganizationServiceTest, AUserListsTheOrganizationsOfItsMemberships) {
  {
    auto tx = store_.begin(store::Store::Mode::Write);
    tx->users().upsertMembership(
        {orgB_, ownerUser_.id, core::OrgRole::Member, clock_.now(), clock_.now()});
    tx->commit();
  }
  auto page = services_.organizations.list(userCaller(ownerUser_), {});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->totalCount, 2);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].id, orgA_);  // createdAt ascending by default
  EXPECT_EQ(page->items[1].id, orgB_);

  core::ListQuery q;
  q.sorts = {{"name", true}};
  auto byName = services_.organizations.list(userCaller(ownerUser_), q);
  ASSERT_TRUE(byName.ok());
  EXPECT_EQ(byName->items[0].name, "Org B");

  q.limit = 1;
  q.offset = 1;
  auto second = services_.organizations.list(userCaller(ownerUser_), q);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->totalCount, 2);
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].name, "Org A");
}

TEST_F(OrganizationServiceTest, ATokenSeesOnlyItsOwnOrganization) {
  auto page = services_.organizations.list(tokenCaller(memberToken_.value), {});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, orgA_);
  EXPECT_EQ(page->totalCount, 1);

  EXPECT_TRUE(services_.organizations.get(tokenCaller(memberToken_.value), orgA_).ok());
  auto other = services_.organizations.get(tokenCaller(memberToken_.value), orgB_);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, core::ErrorCode::NotFound);
  EXPECT_EQ(other.error().message, "organization not found");
}

TEST_F(OrganizationServiceTest, GetIsNotFoundOutsideYourOrganizations) {
  auto mine = services_.organizations.get(userCaller(memberUser_), orgA_);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->name, "Org A");
  EXPECT_EQ(services_.organizations.get(userCaller(memberUser_), orgB_).error().code,
            core::ErrorCode::NotFound);
  EXPECT_EQ(services_.organizations.get(userCaller(memberUser_), "c999999999999999999999999")
                .error()
                .code,
            core::ErrorCode::NotFound);
}

TEST_F(OrganizationServiceTest, ListValidatesTheQuery) {
  core::ListQuery q;
  q.sorts = {{"description", false}};
  auto r = services_.organizations.list(userCaller(ownerUser_), q);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, core::ErrorCode::InvalidInput);
  EXPECT_EQ(r.error().fieldErrors[0].field, "sorts");
  q.sorts.clear();
  q.limit = 1001;
  EXPECT_EQ(services_.organizations.list(userCaller(ownerUser_), q).error().fieldErrors[0].field,
            "limit");
}

TEST_F(OrganizationServiceTest, SelfDescribesAUserAndRefusesAToken) {
  auto self = services_.users.self(userCaller(billingUser_));
  ASSERT_TRUE(self.ok());
  EXPECT_EQ(self->id, billingUser_.id);
  EXPECT_EQ(self->username, "billing@a.example");
  EXPECT_EQ(self->fullName, "billing");
  EXPECT_EQ(self->organizationId, orgA_);
  ASSERT_TRUE(self->roles);
  EXPECT_EQ(self->roles->organizationRole, "ORGANIZATION_BILLING_ADMIN");

  auto token = services_.users.self(tokenCaller(ownerToken_.value));
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().code, core::ErrorCode::Forbidden);
  EXPECT_EQ(token.error().message, kSelfNeedsUserMessage);
}

// init runs against an empty database.
class InitTest : public ::testing::Test {
 protected:
  InitTest()
      : store_({.path = ":memory:"}),
        clock_(kStart),
        services_(store_, clock_, deterministicRandom(9)) {}
  store::SqliteStore store_;
  FakeClock clock_;
  Services services_;
};

TEST_F(InitTest, CreatesTheOrganizationOwnerAndOwnerTokenOnce) {
  auto r = services_.organizations.init("Acme Corp", "Jane.Doe@Example.COM");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->created);
  EXPECT_EQ(r->organization.name, "Acme Corp");
  EXPECT_TRUE(core::isCuid(r->organization.id));
  EXPECT_EQ(r->ownerEmail, "jane.doe@example.com");
  EXPECT_TRUE(core::isCuid(r->ownerUserId));
  EXPECT_TRUE(core::isCuid(r->tokenId));
  ASSERT_FALSE(r->tokenValue.empty());

  {
    auto tx = store_.begin(store::Store::Mode::Read);
    auto user = tx->users().findByEmail("jane.doe@example.com");
    ASSERT_TRUE(user);
    EXPECT_EQ(user->fullName, "jane.doe");
    auto m = tx->users().findMembership(r->organization.id, user->id);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->role, core::OrgRole::Owner);
    auto token = tx->tokens().find(r->organization.id, r->tokenId);
    ASSERT_TRUE(token);
    EXPECT_EQ(token->token.name, "Initial owner token");
    EXPECT_EQ(token->token.organizationRole(), "ORGANIZATION_OWNER");
    EXPECT_EQ(token->token.createdBy->id, user->id);
    EXPECT_FALSE(token->token.endAt);
    EXPECT_EQ(token->valueHash, core::hashTokenValue(r->tokenValue));
    auto audit =
        tx->audit().list(r->organization.id, core::Timestamp{}, kStart + std::chrono::hours{1});
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].action, "organization.init");
    EXPECT_EQ(audit[0].actorType, "SYSTEM");
    EXPECT_EQ(audit[0].targetType, "ORGANIZATION");
    EXPECT_EQ(audit[0].targetId, r->organization.id);
    EXPECT_EQ(audit[0].outcome, "SUCCESS");
  }

  // The printed token works, as an organization owner, and can manage tokens.
  auto subject = services_.auth.authenticate("Bearer " + r->tokenValue);
  ASSERT_TRUE(subject.ok());
  EXPECT_EQ(subject->tokenOrgRole, core::OrgRole::Owner);
  Caller caller{*subject, {}};
  EXPECT_TRUE(services_.tokens.list(caller, r->organization.id, {}, {}).ok());

  // Again: nothing changes, and it says which organization is there.
  clock_.advance(std::chrono::seconds{60});
  auto again = services_.organizations.init("Other", "other@example.com");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->organization, r->organization);
  EXPECT_TRUE(again->tokenValue.empty());
  auto tx = store_.begin(store::Store::Mode::Read);
  EXPECT_EQ(tx->organizations().list().size(), 1u);
  EXPECT_FALSE(tx->users().findByEmail("other@example.com"));
  EXPECT_EQ(tx->tokens().list(r->organization.id, {}, {}).totalCount, 1);
  EXPECT_EQ(tx->audit()
                .list(r->organization.id, core::Timestamp{}, kStart + std::chrono::hours{1})
                .size(),
            1u);
}

TEST_F(InitTest, RejectsBadInputAndChangesNothing) {
  for (auto [name, email] : std::vector<std::pair<std::string, std::string>>{
           {"", "a@b.co"},
           {"   ", "a@b.co"},
           {std::string(257, 'x'), "a@b.co"},
           {"Acme", ""},
           {"Acme", "not-an-email"},
           {"Acme", "a@b"},
           {"Acme", "a@@b.co"},
           {"Acme", "a b@c.co"},
           {"Acme", "@b.co"},
           // Text that fakes what a table shows (issue 8): bidi overrides, invisible and
           // control characters, invalid UTF-8, in the name or in the owner's e-mail address
           // (whose local part becomes the owner's full name).
           {"Acme\u202E", "a@b.co"},
           {"Ac\u200Bme", "a@b.co"},
           {"Acme\xff", "a@b.co"},
           {"Acme\u0085", "a@b.co"},
           {"Acme", "ev\u202Eil@b.co"},
           {"Acme", "a\u2066@b.co"},
       }) {
    SCOPED_TRACE(name + " / " + email);
    auto r = services_.organizations.init(name, email);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::InvalidInput);
    EXPECT_FALSE(r.error().message.empty());
  }
  // A huge value is not echoed whole into the message.
  auto big = services_.organizations.init("Acme", std::string(1 << 20, 'a'));
  ASSERT_FALSE(big.ok());
  EXPECT_LT(big.error().message.size(), 512u);
  EXPECT_TRUE(store_.begin(store::Store::Mode::Read)->organizations().list().empty());
}

}  // namespace
}  // namespace astro::service::testing
