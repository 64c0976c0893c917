// The Store conformance suite: every Store implementation must pass it. Instantiated here for
// SqliteStore on a temporary file and on ":memory:", and for PostgresStore on a fresh database
// of the test run's throwaway cluster (tests/support/pg_cluster.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <ostream>
#include <set>

#include "core/audit/audit_chain.h"
#include "store/change_keys.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "store_test_support.h"
#include "support/test_stores.h"

namespace astro::store {
namespace {

using namespace astro::store::testing;
using Mode = Store::Mode;

struct StoreFactory {
  std::string name;
  std::function<std::unique_ptr<Store>(const std::filesystem::path& dir)> make;
};

// Keeps test names short in CTest (otherwise GoogleTest prints the parameter's bytes).
void PrintTo(const StoreFactory& f, std::ostream* os) {
  *os << f.name;
}

const std::vector<StoreFactory>& storeFactories() {
  static const std::vector<StoreFactory> factories{
      {"SqliteFile",
       [](const std::filesystem::path& dir) {
         return std::make_unique<SqliteStore>(
             SqliteOptions{.path = (dir / "astro.db").string(), .create = true});
       }},
      {"SqliteMemory",
       [](const std::filesystem::path&) {
         return std::make_unique<SqliteStore>(SqliteOptions{.path = ":memory:"});
       }},
      {"Postgres",
       [](const std::filesystem::path&) {
         return std::make_unique<astro::testing::ThrowawayPostgresStore>();
       }},
  };
  return factories;
}

class StoreConformance : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/astro-store-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    store_ = GetParam().make(dir_);
    auto tx = store_->begin(Mode::Write);
    tx->organizations().insert(makeOrg(kOrg, "Org One", 1000));
    tx->organizations().insert(makeOrg(kOtherOrg, "Org Two", 2000));
    tx->commit();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void insertTokens(const std::vector<TokenRecord>& tokens) {
    auto tx = store_->begin(Mode::Write);
    for (const auto& t : tokens) tx->tokens().insert(t);
    tx->commit();
  }

  std::int64_t totalCount(std::string_view org, core::TokenListFilter filter = {}) {
    auto tx = store_->begin(Mode::Read);
    return tx->tokens().list(org, filter, query(0, 1)).totalCount;
  }

  const std::string kOrg = testId('o', 1);
  const std::string kOtherOrg = testId('o', 2);
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformance, PingAnswers) {
  EXPECT_TRUE(store_->ping());
}

// The caches of the service layer depend on this: a change moves the generation of every key it
// made stale (store/change_keys.h) before the writer goes on; reads, and writes of other things,
// leave a key alone. (Keys share counters, so "alone" is checked on keys that do not collide.)
TEST_P(StoreConformance, AChangeMovesTheGenerationOfTheKeysItMadeStale) {
  namespace changes = store::changes;
  TokenRecord t = makeToken(kOrg, testId('t', 1), "a", 1);
  const std::string hashKey = changes::tokenHash(t.valueHash);
  const std::string tokenKey = changes::token(kOrg, t.token.id);
  const std::string pagesKey = changes::tokenPages(kOrg);
  const std::string otherPages = changes::tokenPages(kOtherOrg);
  auto gens = [&] {
    return std::vector<std::uint64_t>{store_->generation(hashKey), store_->generation(tokenKey),
                                      store_->generation(pagesKey)};
  };
  const auto g0 = gens();
  const auto other0 = store_->generation(otherPages);
  {
    auto tx = store_->begin(Mode::Read);
    EXPECT_TRUE(tx->organizations().find(kOrg));
  }
  {
    auto tx = store_->begin(Mode::Write);  // a write of something else
    tx->organizations().insert(makeOrg(testId('o', 7), "Seven", 7));
    tx->commit();
  }
  EXPECT_EQ(gens(), g0);
  {
    auto tx = store_->begin(Mode::Write);
    tx->tokens().insert(t);
    EXPECT_EQ(gens(), g0) << "moved before the commit";
    tx->commit();
    const auto g1 = gens();
    for (std::size_t i = 0; i < g0.size(); ++i)
      EXPECT_NE(g1[i], g0[i]) << "key " << i << " must move before the writer goes on";
  }
  EXPECT_EQ(store_->generation(otherPages), other0);
  // A rotation makes the old value's key stale too; a lastUsedAt write only what shows the token.
  const auto beforeRotation = store_->generation(hashKey);
  TokenRecord rotated = t;
  rotated.valueHash = "hash-rotated";
  {
    auto tx = store_->begin(Mode::Write);
    tx->tokens().update(rotated);
    tx->commit();
  }
  EXPECT_NE(store_->generation(hashKey), beforeRotation);
  const auto hashBefore = store_->generation(changes::tokenHash("hash-rotated"));
  const auto tokenBefore = store_->generation(tokenKey);
  {
    auto tx = store_->begin(Mode::Write);
    tx->tokens().setLastUsed(kOrg, t.token.id, at(300));
    tx->commit();
  }
  EXPECT_EQ(store_->generation(changes::tokenHash("hash-rotated")), hashBefore);
  EXPECT_NE(store_->generation(tokenKey), tokenBefore);
}

TEST_P(StoreConformance, OrganizationRoundTripUpdateAndListOrder) {
  auto tx = store_->begin(Mode::Write);
  auto org = tx->organizations().find(kOrg);
  ASSERT_TRUE(org);
  EXPECT_EQ(*org, makeOrg(kOrg, "Org One", 1000));
  EXPECT_FALSE(tx->organizations().find(testId('o', 99)));

  core::Organization changed = *org;
  changed.name = "Renamed";
  changed.updatedAt = at(5000);
  changed.updatedBy = tokenProfile(testId('t', 1), "deployer");
  changed.status = "SUSPENDED";
  tx->organizations().update(changed);
  // Inserted out of creation order: the list is ordered by createdAt, then id.
  tx->organizations().insert(makeOrg(testId('o', 0), "Early", 500));
  tx->commit();

  auto rtx = store_->begin(Mode::Read);
  EXPECT_EQ(*rtx->organizations().find(kOrg), changed);
  auto all = rtx->organizations().list();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, testId('o', 0));
  EXPECT_EQ(all[1].id, kOrg);
  EXPECT_EQ(all[2].id, kOtherOrg);
}

TEST_P(StoreConformance, DuplicateOrganizationIsConflict) {
  auto tx = store_->begin(Mode::Write);
  try {
    tx->organizations().insert(makeOrg(kOrg, "again", 1));
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Conflict);
  }
}

TEST_P(StoreConformance, UsersAndMemberships) {
  UserRecord u{testId('u', 1), "ada@example.com", "Ada", "https://a/png", "ACTIVE", at(10), at(11)};
  {
    auto tx = store_->begin(Mode::Write);
    tx->users().insert(u);
    tx->users().upsertMembership({kOtherOrg, u.id, core::OrgRole::Member, at(30), at(30)});
    tx->users().upsertMembership({kOrg, u.id, core::OrgRole::BillingAdmin, at(20), at(20)});
    tx->commit();
  }
  {
    auto tx = store_->begin(Mode::Write);
    auto byId = tx->users().find(u.id);
    ASSERT_TRUE(byId);
    EXPECT_EQ(byId->email, u.email);
    EXPECT_EQ(byId->fullName, "Ada");
    EXPECT_EQ(byId->avatarUrl, "https://a/png");
    EXPECT_EQ(byId->createdAt, at(10));
    EXPECT_EQ(byId->updatedAt, at(11));
    auto byEmail = tx->users().findByEmail("ada@example.com");
    ASSERT_TRUE(byEmail);
    EXPECT_EQ(byEmail->id, u.id);
    EXPECT_FALSE(tx->users().findByEmail("nobody@example.com"));
    EXPECT_FALSE(tx->users().find(testId('u', 2)));

    auto m = tx->users().findMembership(kOrg, u.id);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->role, core::OrgRole::BillingAdmin);
    // Upsert changes the role of an existing membership.
    tx->users().upsertMembership({kOrg, u.id, core::OrgRole::Owner, at(20), at(40)});
    tx->commit();
  }
  auto tx = store_->begin(Mode::Read);
  auto m = tx->users().findMembership(kOrg, u.id);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->role, core::OrgRole::Owner);
  EXPECT_EQ(m->createdAt, at(20));
  EXPECT_EQ(m->updatedAt, at(40));
  EXPECT_FALSE(tx->users().findMembership(kOrg, testId('u', 2)));
  auto mine = tx->users().listMembershipsOfUser(u.id);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].organizationId, kOrg);  // oldest membership first
  EXPECT_EQ(mine[1].organizationId, kOtherOrg);
}

TEST_P(StoreConformance, DuplicateUserEmailIsConflict) {
  auto tx = store_->begin(Mode::Write);
  tx->users().insert({testId('u', 1), "a@b.c", "A", "", "ACTIVE", at(1), at(1)});
  EXPECT_THROW(tx->users().insert({testId('u', 2), "a@b.c", "B", "", "ACTIVE", at(1), at(1)}),
               StoreError);
}

TokenRecord fullToken(const std::string& org) {
  TokenRecord t = makeToken(org, testId('t', 1), "full", 100);
  t.token.description = "every field set";
  t.token.kind = "DIRECT_ACCESS";
  t.token.roles = {
      {"ORGANIZATION", org, "ORGANIZATION_OWNER", std::nullopt},
      {"WORKSPACE", testId('w', 1), "WORKSPACE_AUTHOR", std::nullopt},
      {"DEPLOYMENT", testId('d', 1), "DEPLOYMENT_ADMIN", std::nullopt},
      {"DAG", "my_dag", "DAG_VIEWER", testId('d', 1)},
      {"WORKSPACE", testId('w', 0), "WORKSPACE_MEMBER", std::nullopt},
  };
  t.token.expiryPeriodInDays = 30;
  t.token.startAt = at(100);
  t.token.endAt = at(100 + 30 * 86400);
  t.token.lastRotatedAt = at(150);
  t.token.lastUsedAt = at(160);
  t.token.createdAt = at(100);
  t.token.updatedAt = at(170);
  t.token.createdBy = userProfile(testId('u', 1));
  t.token.updatedBy = tokenProfile(testId('t', 9), "ci");
  return t;
}

TEST_P(StoreConformance, TokenRoundTripKeepsEveryFieldAndRoleOrder) {
  TokenRecord full = fullToken(kOrg);
  TokenRecord bare = makeToken(kOrg, testId('t', 2), "bare", 200);
  bare.token.roles.clear();
  insertTokens({full, bare});

  auto tx = store_->begin(Mode::Read);
  auto got = tx->tokens().find(kOrg, full.token.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->organizationId, kOrg);
  EXPECT_EQ(got->valueHash, full.valueHash);
  EXPECT_EQ(got->token, full.token);
  EXPECT_FALSE(got->token.token);  // never a value

  auto gotBare = tx->tokens().find(kOrg, bare.token.id);
  ASSERT_TRUE(gotBare);
  EXPECT_EQ(gotBare->token, bare.token);
  EXPECT_FALSE(gotBare->token.endAt);
  EXPECT_FALSE(gotBare->token.createdBy);
  EXPECT_FALSE(gotBare->token.expiryPeriodInDays);

  // Another organization's token is not found through this one.
  EXPECT_FALSE(tx->tokens().find(kOtherOrg, full.token.id));
  EXPECT_FALSE(tx->tokens().find(kOrg, testId('t', 3)));
}

TEST_P(StoreConformance, FindTokenByHash) {
  insertTokens({fullToken(kOrg), makeToken(kOtherOrg, testId('t', 2), "other", 5)});
  auto tx = store_->begin(Mode::Read);
  auto got = tx->tokens().findByHash(fullToken(kOrg).valueHash);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->token, fullToken(kOrg).token);
  auto other = tx->tokens().findByHash("hash-" + testId('t', 2));
  ASSERT_TRUE(other);
  EXPECT_EQ(other->organizationId, kOtherOrg);
  EXPECT_FALSE(tx->tokens().findByHash("no-such-hash"));
}

TEST_P(StoreConformance, DuplicateTokenHashIsConflict) {
  insertTokens({makeToken(kOrg, testId('t', 1), "a", 1)});
  TokenRecord dup = makeToken(kOrg, testId('t', 2), "b", 1);
  dup.valueHash = "hash-" + testId('t', 1);
  auto tx = store_->begin(Mode::Write);
  try {
    tx->tokens().insert(dup);
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Conflict);
  }
}

TEST_P(StoreConformance, UpdateTokenReplacesFieldsRolesAndHash) {
  TokenRecord t = fullToken(kOrg);
  insertTokens({t});
  TokenRecord changed = t;
  changed.token.name = "renamed";
  changed.token.description = "";
  changed.token.shortToken = "astro_org_new";
  changed.valueHash = "new-hash";
  changed.token.expiryPeriodInDays.reset();
  changed.token.endAt.reset();
  changed.token.lastRotatedAt = at(999);
  changed.token.updatedAt = at(1000);
  changed.token.updatedBy = userProfile(testId('u', 7));
  changed.token.roles = {{"ORGANIZATION", kOrg, "ORGANIZATION_BILLING_ADMIN", std::nullopt}};
  {
    auto tx = store_->begin(Mode::Write);
    tx->tokens().update(changed);
    tx->commit();
  }
  auto tx = store_->begin(Mode::Read);
  auto got = tx->tokens().find(kOrg, t.token.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->token, changed.token);
  EXPECT_EQ(got->valueHash, "new-hash");
  EXPECT_FALSE(tx->tokens().findByHash(t.valueHash));
  EXPECT_TRUE(tx->tokens().findByHash("new-hash"));
}


TEST_P(StoreConformance, DeleteTokenCascadesRoles) {
  TokenRecord t = fullToken(kOrg);
  insertTokens({t});
  {
    auto tx = store_->begin(Mode::Write);
    EXPECT_FALSE(tx->tokens().remove(kOtherOrg, t.token.id));  // wrong organization
    EXPECT_FALSE(tx->tokens().remove(kOrg, testId('t', 8)));   // no such token
    EXPECT_TRUE(tx->tokens().remove(kOrg, t.token.id));
    tx->commit();
  }
  {
    auto tx = store_->begin(Mode::Read);
    EXPECT_FALSE(tx->tokens().find(kOrg, t.token.id));
    EXPECT_FALSE(tx->tokens().findByHash(t.valueHash));
  }
  // A token re-inserted with the same id and no roles finds none of the old ones.
  TokenRecord again = t;
  again.token.roles.clear();
  insertTokens({again});
  auto tx = store_->begin(Mode::Read);
  auto got = tx->tokens().find(kOrg, t.token.id);
  ASSERT_TRUE(got);
  EXPECT_TRUE(got->token.roles.empty());
}

TEST_P(StoreConformance, SetTokenLastUsedOnlyMovesItOn) {
  TokenRecord t = makeToken(kOrg, testId('t', 1), "a", 1);
  insertTokens({t});
  for (std::int64_t when : {120, 60}) {  // with several replicas the latest wins
    auto tx = store_->begin(Mode::Write);
    tx->tokens().setLastUsed(kOrg, t.token.id, at(when));
    tx->commit();
  }
  {
    auto tx = store_->begin(Mode::Write);
    tx->tokens().setLastUsed(kOtherOrg, t.token.id, at(500));  // not that organization's
    tx->commit();
  }
  auto tx = store_->begin(Mode::Read);
  auto got = tx->tokens().find(kOrg, t.token.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->token.lastUsedAt, at(120));
  EXPECT_EQ(got->token.updatedAt, t.token.updatedAt);  // a use is not an update
}

// An update is written from a record read earlier in its transaction. On PostgreSQL (read
// committed) a lastUsedAt flush can commit between that read and the write; an update that wrote
// lastUsedAt back would then move it back to what it read. lastUsedAt is setLastUsed's alone.
TEST_P(StoreConformance, UpdateFromAnEarlierReadKeepsALaterLastUsedAt) {
  TokenRecord t = makeToken(kOrg, testId('t', 1), "a", 1);
  t.token.lastUsedAt = at(100);
  insertTokens({t});
  std::optional<TokenRecord> read;
  {
    auto tx = store_->begin(Mode::Read);
    read = tx->tokens().find(kOrg, t.token.id);
    ASSERT_TRUE(read);
  }
  {
    auto tx = store_->begin(Mode::Write);
    tx->tokens().setLastUsed(kOrg, t.token.id, at(500));  // the flush, between read and write
    tx->commit();
  }
  read->token.name = "renamed";
  read->token.updatedAt = at(600);
  {
    auto tx = store_->begin(Mode::Write);
    tx->tokens().update(*read);
    tx->commit();
  }
  auto tx = store_->begin(Mode::Read);
  auto got = tx->tokens().find(kOrg, t.token.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->token.name, "renamed");
  EXPECT_EQ(got->token.lastUsedAt, at(500));
}

// The batch the lastUsedAt writer sends (one statement per chunk, not one per token): each use
// moves only its own token, only forward, only in its organization; only the tokens it moved are
// made stale (their keys and their organization's pages), never what authentication reads.
TEST_P(StoreConformance, SetLastUsedOfABatchMovesEachTokenOnItsOwn) {
  std::vector<TokenRecord> tokens;
  for (int i = 0; i < 1200; ++i)  // more than one chunk
    tokens.push_back(makeToken(kOrg, testId('t', 2000 + i), "fleet-" + std::to_string(i), 1));
  TokenRecord other = makeToken(kOtherOrg, testId('t', 5000), "other", 1);
  insertTokens(tokens);
  insertTokens({other});
  {
    auto tx = store_->begin(Mode::Write);
    tx->tokens().setLastUsed(kOrg, tokens[1].token.id, at(900));  // already later than the batch
    tx->commit();
  }
  std::vector<LastUse> uses;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (i != 2) uses.push_back({kOrg, tokens[i].token.id, at(600 + static_cast<int>(i % 3))});
  uses.push_back({kOtherOrg, tokens[3].token.id, at(999)});  // not that organization's
  uses.push_back({kOrg, testId('t', 9999), at(600)});        // no such token
  uses.push_back({kOrg, "it's \"odd\"", at(600)});           // text, not SQL or JSON
  const auto hashBefore = store_->generation(changes::tokenHash(tokens[0].valueHash));
  const auto movedBefore = store_->generation(changes::token(kOrg, tokens[0].token.id));
  const auto keptBefore = store_->generation(changes::token(kOrg, tokens[1].token.id));
  const auto untouchedBefore = store_->generation(changes::token(kOrg, tokens[2].token.id));
  const auto otherPagesBefore = store_->generation(changes::tokenPages(kOtherOrg));
  {
    auto tx = store_->begin(Mode::Write);
    tx->tokens().setLastUsed(uses);
    tx->commit();
  }
  auto tx = store_->begin(Mode::Read);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    auto got = tx->tokens().find(kOrg, tokens[i].token.id);
    ASSERT_TRUE(got);
    std::optional<core::Timestamp> want = at(600 + static_cast<int>(i % 3));
    if (i == 1) want = at(900);
    if (i == 2) want = std::nullopt;
    ASSERT_EQ(got->token.lastUsedAt, want) << "token " << i;
    EXPECT_EQ(got->token.updatedAt, tokens[i].token.updatedAt);
  }
  EXPECT_FALSE(tx->tokens().find(kOtherOrg, other.token.id)->token.lastUsedAt);
  EXPECT_EQ(store_->generation(changes::tokenHash(tokens[0].valueHash)), hashBefore);
  EXPECT_NE(store_->generation(changes::token(kOrg, tokens[0].token.id)), movedBefore);
  EXPECT_EQ(store_->generation(changes::token(kOrg, tokens[1].token.id)), keptBefore);
  EXPECT_EQ(store_->generation(changes::token(kOrg, tokens[2].token.id)), untouchedBefore);
  EXPECT_EQ(store_->generation(changes::tokenPages(kOtherOrg)), otherPagesBefore);
}

// 250 tokens with repeating names, descriptions and times, so ties exercise the id tie-break.
std::vector<TokenRecord> manyTokens(const std::string& org) {
  std::vector<TokenRecord> out;
  for (int i = 0; i < 250; ++i) {
    TokenRecord t = makeToken(org, testId('t', 1000 + (i * 7919) % 250),
                              "name-" + std::to_string(i % 17), 10000 + (i * 31) % 97);
    t.token.description = "desc-" + std::to_string((i * 13) % 11);
    t.token.startAt = at(20000 + (i * 17) % 53);
    t.token.updatedAt = at(30000 + (i * 7) % 41);
    t.token.roles = {
        {"ORGANIZATION", org, i % 2 ? "ORGANIZATION_OWNER" : "ORGANIZATION_MEMBER", std::nullopt}};
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<std::string> expectedOrder(std::vector<TokenRecord> tokens,
                                       const std::vector<core::SortKey>& sorts) {
  auto key = [](const TokenRecord& t, const std::string& field) -> std::string {
    auto pad = [](core::Timestamp ts) {
      std::string s = std::to_string(ts.time_since_epoch().count());
      return std::string(20 - s.size(), '0') + s;
    };
    if (field == "createdAt") return pad(t.token.createdAt);
    if (field == "updatedAt") return pad(t.token.updatedAt);
    if (field == "tokenStartAt") return pad(t.token.startAt);
    if (field == "name") return t.token.name;
    return t.token.description;
  };
  std::vector<core::SortKey> effective =
      sorts.empty() ? std::vector<core::SortKey>{{"createdAt", false}} : sorts;
  std::stable_sort(tokens.begin(), tokens.end(), [&](const TokenRecord& a, const TokenRecord& b) {
    for (const auto& s : effective) {
      auto ka = key(a, s.field), kb = key(b, s.field);
      if (ka != kb) return s.descending ? ka > kb : ka < kb;
    }
    return false;  // ties keep insertion order (the vector is in insertion order)
  });
  std::vector<std::string> ids;
  for (const auto& t : tokens) ids.push_back(t.token.id);
  return ids;
}

TEST_P(StoreConformance, ListTokensPagesAndSorts) {
  auto tokens = manyTokens(kOrg);
  insertTokens(tokens);
  insertTokens({makeToken(kOtherOrg, testId('x', 1), "elsewhere", 1)});

  const std::vector<std::vector<core::SortKey>> sortCases{
      {},
      {{"createdAt", false}},
      {{"createdAt", true}},
      {{"name", false}},
      {{"name", true}},
      {{"description", false}},
      {{"tokenStartAt", true}},
      {{"updatedAt", false}},
      {{"name", false}, {"createdAt", true}},
  };
  for (const auto& sorts : sortCases) {
    SCOPED_TRACE(sorts.empty() ? std::string("default") : sorts.front().field);
    auto expected = expectedOrder(tokens, sorts);
    auto tx = store_->begin(Mode::Read);
    // Page 2 of 100, and the last, partial page.
    auto page2 = tx->tokens().list(kOrg, {}, query(100, 100, sorts));
    EXPECT_EQ(page2.totalCount, 250);
    EXPECT_EQ(page2.limit, 100);
    EXPECT_EQ(page2.offset, 100);
    ASSERT_EQ(page2.items.size(), 100u);
    for (std::size_t i = 0; i < 100; ++i) ASSERT_EQ(page2.items[i].token.id, expected[100 + i]);
    auto last = tx->tokens().list(kOrg, {}, query(200, 100, sorts));
    ASSERT_EQ(last.items.size(), 50u);
    for (std::size_t i = 0; i < 50; ++i) ASSERT_EQ(last.items[i].token.id, expected[200 + i]);
  }
  auto tx = store_->begin(Mode::Read);
  auto beyond = tx->tokens().list(kOrg, {}, query(1000, 10));
  EXPECT_TRUE(beyond.items.empty());
  EXPECT_EQ(beyond.totalCount, 250);
  // Listed tokens carry their roles.
  auto first = tx->tokens().list(kOrg, {}, query(0, 5));
  for (const auto& t : first.items) {
    ASSERT_EQ(t.token.roles.size(), 1u);
    EXPECT_EQ(t.token.roles[0].entityId, kOrg);
  }
}

TEST_P(StoreConformance, TotalCountFollowsInsertsAndDeletes) {
  EXPECT_EQ(totalCount(kOrg), 0);
  std::vector<TokenRecord> batch;
  for (int i = 0; i < 30; ++i) batch.push_back(makeToken(kOrg, testId('t', i), "t", i));
  insertTokens(batch);
  insertTokens({makeToken(kOtherOrg, testId('y', 1), "other", 1)});
  EXPECT_EQ(totalCount(kOrg), 30);
  EXPECT_EQ(totalCount(kOrg, onlyOrgTokens()), 30);
  EXPECT_EQ(totalCount(kOtherOrg), 1);
  {
    auto tx = store_->begin(Mode::Write);
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(tx->tokens().remove(kOrg, testId('t', i)));
    EXPECT_FALSE(tx->tokens().remove(kOrg, testId('t', 0)));  // already gone: count unchanged
    tx->commit();
  }
  EXPECT_EQ(totalCount(kOrg), 20);
  {
    // Rolled back: the count is unchanged.
    auto tx = store_->begin(Mode::Write);
    tx->tokens().remove(kOrg, testId('t', 10));
    tx->tokens().insert(makeToken(kOrg, testId('t', 100), "t", 1));
    tx->tokens().insert(makeToken(kOrg, testId('t', 101), "t", 1));
  }
  EXPECT_EQ(totalCount(kOrg), 20);
  {
    // Updating a token leaves the count alone.
    auto tx = store_->begin(Mode::Write);
    auto t = *tx->tokens().find(kOrg, testId('t', 11));
    t.token.name = "changed";
    tx->tokens().update(t);
    tx->commit();
  }
  EXPECT_EQ(totalCount(kOrg), 20);
  EXPECT_EQ(totalCount(kOtherOrg), 1);
  EXPECT_EQ(totalCount(testId('o', 77)), 0);  // unknown organization
}

TEST_P(StoreConformance, WorkspaceFilterCountsMatches) {
  TokenRecord a = makeToken(kOrg, testId('t', 1), "a", 1);
  a.token.roles.push_back({"WORKSPACE", testId('w', 1), "WORKSPACE_MEMBER", std::nullopt});
  TokenRecord b = makeToken(kOrg, testId('t', 2), "b", 2);
  TokenRecord c = makeToken(kOrg, testId('t', 3), "c", 3);
  c.token.roles.push_back({"WORKSPACE", testId('w', 2), "WORKSPACE_MEMBER", std::nullopt});
  insertTokens({a, b, c});
  auto tx = store_->begin(Mode::Read);
  auto page = tx->tokens().list(kOrg, inWorkspace(testId('w', 1)), core::ListQuery{});
  EXPECT_EQ(page.totalCount, 1);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].token.id, a.token.id);
}

TEST_P(StoreConformance, RetiredHashes) {
  RetiredTokenHash r{"old-hash", testId('t', 1), kOrg, "rotated", at(77)};
  {
    auto tx = store_->begin(Mode::Write);
    tx->tokens().insertRetiredHash(r);
    tx->tokens().insertRetiredHash({"gone-hash", testId('t', 2), kOrg, "deleted", at(78)});
    tx->commit();
  }
  auto tx = store_->begin(Mode::Read);
  auto got = tx->tokens().findRetiredHash("old-hash");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->tokenId, r.tokenId);
  EXPECT_EQ(got->organizationId, kOrg);
  EXPECT_EQ(got->reason, "rotated");
  EXPECT_EQ(got->retiredAt, at(77));
  EXPECT_EQ(tx->tokens().findRetiredHash("gone-hash")->reason, "deleted");
  EXPECT_FALSE(tx->tokens().findRetiredHash("never"));
}

AuditRecord audit(std::string id, std::string org, std::int64_t time) {
  AuditRecord r;
  r.id = std::move(id);
  r.time = at(time);
  r.organizationId = std::move(org);
  r.actorType = "USER";
  r.actorId = testId('u', 1);
  r.actorName = "Ada";
  r.action = "apiToken.update";
  r.targetType = "API_TOKEN";
  r.targetId = testId('t', 1);
  r.targetName = "ci";
  r.requestId = "req-1";
  r.sourceAddress = "127.0.0.1";
  r.userAgent = "astro-cli/1";
  r.outcome = "SUCCESS";
  return r;
}

// Records come back in the order they were written (the hash chain's order), even when a
// record's time is earlier than the one before it (a clock that stepped back).
TEST_P(StoreConformance, AuditRangeQueryInWritingOrder) {
  AuditRecord withChanges = audit(testId('a', 1), kOrg, 200);
  withChanges.changes = {{"name", "\"old\"", "\"new\""},
                         {"endAt", std::nullopt, "\"2030-01-01T00:00:00Z\""},
                         {"description", "\"x\"", std::nullopt}};
  AuditRecord denied = audit(testId('a', 2), kOrg, 100);
  denied.outcome = "DENIED";
  denied.reason = "permission denied";
  {
    auto tx = store_->begin(Mode::Write);
    tx->audit().insert(withChanges);                       // t=200, first of its second
    tx->audit().insert(denied);                            // t=100
    tx->audit().insert(audit(testId('a', 3), kOrg, 200));  // t=200, inserted later
    tx->audit().insert(audit(testId('a', 4), kOrg, 300));  // excluded: to is exclusive
    tx->audit().insert(audit(testId('a', 5), kOrg, 99));   // excluded: before from
    tx->audit().insert(audit(testId('a', 6), kOtherOrg, 150));
    tx->commit();
  }
  auto tx = store_->begin(Mode::Read);
  auto got = tx->audit().list(kOrg, at(100), at(300));
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].id, testId('a', 1));
  EXPECT_EQ(got[1].id, testId('a', 2));
  EXPECT_EQ(got[2].id, testId('a', 3));
  EXPECT_EQ(got[1].outcome, "DENIED");
  EXPECT_EQ(got[1].reason, "permission denied");
  EXPECT_EQ(got[0].changes, withChanges.changes);
  EXPECT_EQ(got[0].actorType, "USER");
  EXPECT_EQ(got[0].actorId, testId('u', 1));
  EXPECT_EQ(got[0].actorName, "Ada");
  EXPECT_EQ(got[0].action, "apiToken.update");
  EXPECT_EQ(got[0].targetType, "API_TOKEN");
  EXPECT_EQ(got[0].targetId, testId('t', 1));
  EXPECT_EQ(got[0].targetName, "ci");
  EXPECT_EQ(got[0].requestId, "req-1");
  EXPECT_EQ(got[0].sourceAddress, "127.0.0.1");
  EXPECT_EQ(got[0].userAgent, "astro-cli/1");
  EXPECT_EQ(got[0].time, at(200));
  EXPECT_EQ(tx->audit().list(kOtherOrg, at(0), at(1000)).size(), 1u);
}

// insertAudit appends to the organization's hash chain: positions 1, 2, … per organization,
// each record linked to the one before, the head at the last; the chain pages in order.
TEST_P(StoreConformance, AuditRecordsFormOneHashChainPerOrganization) {
  {
    auto tx = store_->begin(Mode::Write);
    for (int i = 1; i <= 7; ++i) {
      auto r = audit(testId('c', i), i == 4 ? kOtherOrg : kOrg, 100 + i);
      r.chainSeq = 99;  // ignored: the store places the record
      r.hash = "forged";
      tx->audit().insert(r);
    }
    tx->commit();
  }
  auto tx = store_->begin(Mode::Read);
  auto all = tx->audit().listChain(kOrg, 0, 100);
  ASSERT_EQ(all.size(), 6u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].chainSeq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(all[i].prevHash, i == 0 ? std::string(core::kAuditChainGenesis) : all[i - 1].hash);
    EXPECT_EQ(all[i].hash, core::auditChainHash(all[i].prevHash, all[i]));
  }
  EXPECT_TRUE(core::verifyAuditChain(all, true).intact());
  auto head = tx->audit().findChainHead(kOrg);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->chainSeq, 6);
  EXPECT_EQ(head->hash, all.back().hash);
  EXPECT_EQ(tx->audit().findChainHead(kOtherOrg)->chainSeq, 1);
  EXPECT_FALSE(tx->audit().findChainHead("cnone"));
  auto page = tx->audit().listChain(kOrg, 2, 3);
  ASSERT_EQ(page.size(), 3u);
  EXPECT_EQ(page.front().chainSeq, 3);
  EXPECT_EQ(page.back().chainSeq, 5);
  EXPECT_EQ(tx->audit().list(kOrg, at(0), at(1000)).back().hash, all.back().hash);
  auto orgs = tx->audit().listOrganizations();
  EXPECT_NE(std::find(orgs.begin(), orgs.end(), kOrg), orgs.end());
  EXPECT_NE(std::find(orgs.begin(), orgs.end(), kOtherOrg), orgs.end());
}

TEST_P(StoreConformance, RollbackWithoutCommit) {
  {
    auto tx = store_->begin(Mode::Write);
    tx->organizations().insert(makeOrg(testId('o', 50), "never", 1));
    tx->tokens().insert(makeToken(kOrg, testId('t', 50), "never", 1));
    tx->audit().insert(audit(testId('a', 50), kOrg, 1));
  }  // destroyed without commit
  auto tx = store_->begin(Mode::Read);
  EXPECT_FALSE(tx->organizations().find(testId('o', 50)));
  EXPECT_FALSE(tx->tokens().find(kOrg, testId('t', 50)));
  EXPECT_TRUE(tx->audit().list(kOrg, at(0), at(10)).empty());
  EXPECT_EQ(tx->tokens().list(kOrg, {}, {}).totalCount, 0);
}

TEST_P(StoreConformance, CommittedWritesAreVisibleToLaterTransactions) {
  {
    auto tx = store_->begin(Mode::Write);
    tx->tokens().insert(makeToken(kOrg, testId('t', 1), "a", 1));
    tx->commit();
  }
  auto tx = store_->begin(Mode::Read);
  EXPECT_TRUE(tx->tokens().find(kOrg, testId('t', 1)));
}

TEST_P(StoreConformance, TransactionsOnManyThreads) {
  // Each thread gets its own connection; every write lands exactly once.
  constexpr int kThreads = 4, kPerThread = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int i = 0; i < kPerThread; ++i) {
          auto tx = store_->begin(Mode::Write);
          tx->tokens().insert(makeToken(kOrg, testId('t', t * 1000 + i), "t", i));
          tx->commit();
          auto rtx = store_->begin(Mode::Read);
          if (!rtx->tokens().find(kOrg, testId('t', t * 1000 + i))) ++failures;
        }
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(totalCount(kOrg), kThreads * kPerThread);
}

// ---------------------------------------------------------------- access model

core::Team makeTeam(std::string org, std::string id, std::string name, std::int64_t created) {
  core::Team t;
  t.id = std::move(id);
  t.organizationId = std::move(org);
  t.name = std::move(name);
  t.organizationRole = "ORGANIZATION_MEMBER";
  t.createdAt = at(created);
  t.updatedAt = at(created);
  t.createdBy = userProfile("cuser00000000000000000001");
  t.updatedBy = t.createdBy;
  return t;
}

core::Workspace makeWorkspace(std::string org, std::string id, std::string name,
                              std::int64_t created) {
  core::Workspace w;
  w.id = std::move(id);
  w.organizationId = std::move(org);
  w.name = std::move(name);
  w.description = "desc";
  w.createdAt = at(created);
  w.updatedAt = at(created);
  w.createdBy = tokenProfile(testId('t', 9), "robot");
  w.updatedBy = w.createdBy;
  return w;
}

UserRecord makeUser(int n, std::int64_t created) {
  return UserRecord{testId('u', n),
                    "user" + std::to_string(n) + "@example.com",
                    "User " + std::to_string(n),
                    "",
                    "ACTIVE",
                    at(created),
                    at(created)};
}

// An update of a row that does not exist is NotFound (the service answers 404), never Conflict
// (409 says the request clashes with what exists), on every resource that updates in place.
TEST_P(StoreConformance, AnUpdateOfAMissingRowIsNotFound) {
  auto expectNotFound = [](const char* what, auto&& update) {
    SCOPED_TRACE(what);
    try {
      update();
      ADD_FAILURE() << "expected StoreError";
    } catch (const StoreError& e) {
      EXPECT_EQ(e.kind(), StoreError::Kind::NotFound) << e.what();
    }
  };
  auto tx = store_->begin(Mode::Write);
  expectNotFound("organization",
                 [&] { tx->organizations().update(makeOrg(testId('o', 9), "Ghost", 1)); });
  expectNotFound("user", [&] { tx->users().update(makeUser(9, 1)); });
  expectNotFound("workspace", [&] {
    tx->workspaces().update(makeWorkspace(kOrg, testId('w', 9), "ghost", 1));
  });
  expectNotFound("team", [&] { tx->teams().update(makeTeam(kOrg, testId('g', 9), "ghost", 1)); });
  expectNotFound("token",
                 [&] { tx->tokens().update(makeToken(kOrg, testId('t', 5), "ghost", 1)); });
  // A row of another organization is missing in this one.
  tx->workspaces().insert(makeWorkspace(kOtherOrg, testId('w', 8), "theirs", 1));
  expectNotFound("workspace of another organization", [&] {
    tx->workspaces().update(makeWorkspace(kOrg, testId('w', 8), "mine now", 2));
  });
}

TEST_P(StoreConformance, MembersListPendingStatusOwnersAndRemoval) {
  auto tx = store_->begin(Mode::Write);
  for (int i = 1; i <= 5; ++i) tx->users().insert(makeUser(i, 100 + i));
  tx->users().upsertMembership({kOrg, testId('u', 1), core::OrgRole::Owner, at(1), at(1)});
  tx->users().upsertMembership(
      {kOrg, testId('u', 2), core::OrgRole::Owner, at(1), at(1), "PENDING"});
  tx->users().upsertMembership({kOrg, testId('u', 3), core::OrgRole::Member, at(1), at(1)});
  tx->users().upsertMembership({kOtherOrg, testId('u', 4), core::OrgRole::Owner, at(1), at(1)});
  EXPECT_EQ(tx->users().countActiveOwners(kOrg), 1);  // the PENDING owner does not count
  auto page = tx->users().listMembers(kOrg, query(1, 1, {{"username", true}}));
  EXPECT_EQ(page.totalCount, 3);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].user.id, testId('u', 2));
  EXPECT_EQ(page.items[0].membership.status, "PENDING");
  auto m = tx->users().findMember(kOrg, testId('u', 3));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->user, makeUser(3, 103));
  EXPECT_FALSE(tx->users().findMember(kOrg, testId('u', 4)));

  tx->workspaces().insert(makeWorkspace(kOrg, testId('w', 1), "W", 10));
  tx->teams().insert(makeTeam(kOrg, testId('g', 1), "G", 10));
  tx->teams().addMember(testId('g', 1), testId('u', 3), at(20));
  tx->workspaces().replaceRoles(kOrg, kGrantUser, testId('u', 3),
                                {{testId('w', 1), "WORKSPACE_OWNER"}});
  InviteRecord inv{testId('i', 1),
                   kOrg,
                   "user3@example.com",
                   core::OrgRole::Member,
                   testId('u', 3),
                   userProfile(testId('u', 1)),
                   at(5),
                   at(600005)};
  tx->invites().insert(inv);
  EXPECT_EQ(tx->invites().find(kOrg, testId('i', 1)), inv);
  EXPECT_FALSE(tx->invites().find(kOtherOrg, testId('i', 1)));
  EXPECT_TRUE(tx->users().removeMember(kOrg, testId('u', 3)));
  EXPECT_FALSE(tx->users().removeMember(kOrg, testId('u', 3)));
  EXPECT_FALSE(tx->teams().isMember(testId('g', 1), testId('u', 3)));
  EXPECT_TRUE(tx->workspaces().rolesOfUser(testId('w', 1), testId('u', 3)).empty());
  EXPECT_FALSE(tx->invites().find(kOrg, testId('i', 1)));
  EXPECT_TRUE(tx->users().find(testId('u', 3)));
  tx->commit();
}

TEST_P(StoreConformance, TeamNamesAreUniquePerOrganizationCaseInsensitively) {
  {
    auto tx = store_->begin(Mode::Write);
    tx->teams().insert(makeTeam(kOrg, testId('g', 1), "Platform", 10));
    tx->teams().insert(makeTeam(kOtherOrg, testId('g', 2), "platform", 10));
    tx->teams().insert(makeTeam(kOrg, testId('g', 4), "Équipe", 10));
    tx->commit();
  }
  try {
    // (A transaction that failed is good for nothing but its rollback: store/store.h.)
    auto tx = store_->begin(Mode::Write);
    tx->teams().insert(makeTeam(kOrg, testId('g', 3), "PLATFORM", 10));
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Conflict);
  }
  auto tx = store_->begin(Mode::Read);
  EXPECT_FALSE(tx->teams().find(kOrg, testId('g', 3)));
  // Only ASCII letters fold, on every backend and whatever the database's locale: "É" is not "é".
  EXPECT_FALSE(tx->teams().findByName(kOrg, "équipe"));
  ASSERT_TRUE(tx->teams().findByName(kOrg, "ÉQUIPE"));
  EXPECT_EQ(tx->teams().findByName(kOrg, "ÉQUIPE")->id, testId('g', 4));
  core::TeamListFilter byName;
  byName.names = {"équipe", "PLATFORM"};
  EXPECT_EQ(tx->teams().list(kOrg, byName, query(0, 10)).totalCount, 1);
  auto found = tx->teams().findByName(kOrg, "pLaTfOrM");
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, makeTeam(kOrg, testId('g', 1), "Platform", 10));
}

TEST_P(StoreConformance, TeamsMembersAndGrantsGoWithTheTeam) {
  auto tx = store_->begin(Mode::Write);
  for (int i = 1; i <= 3; ++i) {
    tx->users().insert(makeUser(i, 100 - i));
    tx->users().upsertMembership({kOrg, testId('u', i), core::OrgRole::Member, at(1), at(1)});
  }
  tx->workspaces().insert(makeWorkspace(kOrg, testId('w', 1), "W", 10));
  core::Team t = makeTeam(kOrg, testId('g', 1), "G", 10);
  t.description = "about";
  tx->teams().insert(t);
  tx->teams().insert(makeTeam(kOrg, testId('g', 2), "H", 11));
  EXPECT_TRUE(tx->teams().addMember(t.id, testId('u', 1), at(30)));
  EXPECT_FALSE(tx->teams().addMember(t.id, testId('u', 1), at(31)));
  EXPECT_TRUE(tx->teams().addMember(t.id, testId('u', 2), at(20)));
  tx->workspaces().replaceRoles(kOrg, kGrantTeam, t.id, {{testId('w', 1), "WORKSPACE_AUTHOR"}});
  EXPECT_EQ(tx->workspaces().rolesOfUser(testId('w', 1), testId('u', 1)),
            std::vector<std::string>{"WORKSPACE_AUTHOR"});
  auto members = tx->teams().listMembers(t.id, query(0, 10));
  ASSERT_EQ(members.items.size(), 2u);
  EXPECT_EQ(members.items[0].userId, testId('u', 2));  // joined first
  EXPECT_EQ(tx->teams().listOfUser(kOrg, testId('u', 1)).size(), 1u);
  auto teams = tx->teams().list(kOrg, {}, query(0, 10, {{"name", true}}));
  EXPECT_EQ(teams.totalCount, 2);
  EXPECT_EQ(teams.items[0].name, "H");
  core::Team changed = t;
  changed.name = "G2";
  changed.organizationRole = "ORGANIZATION_OWNER";
  changed.updatedAt = at(99);
  tx->teams().update(changed);
  EXPECT_EQ(*tx->teams().find(kOrg, t.id), changed);
  EXPECT_FALSE(tx->teams().find(kOtherOrg, t.id));
  EXPECT_FALSE(tx->teams().remove(kOtherOrg, t.id));
  EXPECT_TRUE(tx->teams().remove(kOrg, t.id));
  EXPECT_FALSE(tx->teams().isMember(t.id, testId('u', 1)));
  EXPECT_TRUE(tx->workspaces().rolesOfUser(testId('w', 1), testId('u', 1)).empty());
  EXPECT_TRUE(tx->workspaces().listRoles(kOrg, kGrantTeam, t.id).empty());
  tx->commit();
}

TEST_P(StoreConformance, DeletingAWorkspaceRemovesUserTeamAndTokenGrants) {
  auto tx = store_->begin(Mode::Write);
  tx->users().insert(makeUser(1, 1));
  tx->users().upsertMembership({kOrg, testId('u', 1), core::OrgRole::Member, at(1), at(1)});
  const auto w1 = makeWorkspace(kOrg, testId('w', 1), "Alpha", 10);
  tx->workspaces().insert(w1);
  tx->workspaces().insert(makeWorkspace(kOrg, testId('w', 2), "Beta", 11));
  tx->workspaces().insert(makeWorkspace(kOtherOrg, testId('w', 3), "Other", 12));
  tx->teams().insert(makeTeam(kOrg, testId('g', 1), "G", 10));
  tx->workspaces().replaceRoles(
      kOrg, kGrantUser, testId('u', 1),
      {{testId('w', 1), "WORKSPACE_OWNER"}, {testId('w', 2), "WORKSPACE_MEMBER"}});
  tx->workspaces().replaceRoles(kOrg, kGrantTeam, testId('g', 1),
                                {{testId('w', 1), "WORKSPACE_MEMBER"}});
  auto token = makeToken(kOrg, testId('t', 1), "tok", 5);
  token.token.roles.push_back({"WORKSPACE", testId('w', 1), "WORKSPACE_AUTHOR", std::nullopt});
  token.token.roles.push_back({"WORKSPACE", testId('w', 2), "WORKSPACE_MEMBER", std::nullopt});
  tx->tokens().insert(token);

  EXPECT_EQ(*tx->workspaces().find(kOrg, w1.id), w1);
  WorkspaceFilter visible;
  visible.visibleToTokenId = testId('t', 1);
  EXPECT_EQ(tx->workspaces().list(kOrg, visible, query(0, 10)).totalCount, 2);
  WorkspaceFilter byName;
  byName.names = {"Beta"};
  EXPECT_EQ(tx->workspaces().list(kOrg, byName, query(0, 10)).items.at(0).id, testId('w', 2));

  EXPECT_FALSE(tx->workspaces().remove(kOtherOrg, w1.id));
  EXPECT_TRUE(tx->workspaces().remove(kOrg, w1.id));
  EXPECT_FALSE(tx->workspaces().find(kOrg, w1.id));
  EXPECT_EQ(tx->workspaces().listRoles(kOrg, kGrantUser, testId('u', 1)),
            (std::vector<core::WorkspaceRoleEntry>{{testId('w', 2), "WORKSPACE_MEMBER"}}));
  EXPECT_TRUE(tx->workspaces().listRoles(kOrg, kGrantTeam, testId('g', 1)).empty());
  auto roles = tx->tokens().find(kOrg, testId('t', 1))->token.roles;
  ASSERT_EQ(roles.size(), 2u);
  EXPECT_EQ(roles[1].entityId, testId('w', 2));
  WorkspaceFilter mine;
  mine.visibleToUserId = testId('u', 1);
  auto page = tx->workspaces().list(kOrg, mine, query(0, 10, {{"name", false}}));
  EXPECT_EQ(page.totalCount, 1);
  tx->commit();
}

INSTANTIATE_TEST_SUITE_P(AllStores, StoreConformance, ::testing::ValuesIn(storeFactories()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace astro::store
