// `astro-server db copy` at the store: a populated SQLite installation copied into an empty
// PostgreSQL database reads back the same on every resource (tokens by value hash, retired
// hashes, the audit chain intact, memberships, teams, workspace roles, invites), new rows follow
// the copied ones, and a target that holds data is refused and left as it was.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/audit/audit_chain.h"
#include "store/db_copy.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store_test_support.h"
#include "support/pg_cluster.h"

namespace astro::store {
namespace {

using namespace astro::store::testing;
using Mode = Store::Mode;

class DbCopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/astro-copy-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = (dir_ / "astro.db").string();
    url_ = astro::testing::createTestDatabase();
    populate();
  }
  void TearDown() override {
    astro::testing::dropTestDatabase(url_);
    std::filesystem::remove_all(dir_);
  }

  void populate() {
    SqliteStore s({.path = path_, .create = true});
    auto tx = s.begin(Mode::Write);
    tx->organizations().insert(makeOrg(kOrg, "Org One", 1000));
    for (int i = 1; i <= 3; ++i) {
      UserRecord u{testId('u', i),
                   "user" + std::to_string(i) + "@example.com",
                   "User É " + std::to_string(i),
                   "",
                   "ACTIVE",
                   at(10),
                   at(10)};
      tx->users().insert(u);
      tx->users().upsertMembership({kOrg, u.id, core::OrgRole::Member, at(10), at(10)});
    }
    core::Workspace w;
    w.id = testId('w', 1);
    w.organizationId = kOrg;
    w.name = "Data";
    w.createdAt = w.updatedAt = at(20);
    tx->workspaces().insert(w);
    core::Team team;
    team.id = testId('g', 1);
    team.organizationId = kOrg;
    team.name = "Platform";
    team.organizationRole = "ORGANIZATION_MEMBER";
    team.createdAt = team.updatedAt = at(30);
    tx->teams().insert(team);
    tx->teams().addMember(team.id, testId('u', 1), at(31));
    tx->workspaces().replaceRoles(kOrg, kGrantTeam, team.id, {{w.id, "WORKSPACE_AUTHOR"}});
    for (int i = 1; i <= 250; ++i) {  // more than one insert batch
      TokenRecord t = makeToken(kOrg, testId('t', i), "token " + std::to_string(i), 50);
      t.token.description = i % 2 ? "it's \"quoted\"; DROP TABLE x; --" : "";
      t.token.roles.push_back({"WORKSPACE", w.id, "WORKSPACE_MEMBER", std::nullopt});
      tx->tokens().insert(t);
    }
    tx->tokens().insertRetiredHash({"old-hash", testId('t', 1), kOrg, "rotated", at(60)});
    InviteRecord inv;
    inv.id = testId('i', 1);
    inv.organizationId = kOrg;
    inv.email = "new@example.com";
    inv.userId = testId('u', 3);
    inv.createdAt = at(70);
    inv.expiresAt = at(7000);
    tx->invites().insert(inv);
    for (int i = 1; i <= 20; ++i) {
      AuditRecord r;
      r.id = testId('a', i);
      r.time = at(100 + i);
      r.organizationId = kOrg;
      r.action = "apiToken.create";
      r.outcome = "SUCCESS";
      r.changes = {{"name", std::nullopt, "\"token\""}};
      tx->audit().insert(r);
    }
    tx->commit();
  }

  const std::string kOrg = testId('o', 1);
  std::filesystem::path dir_;
  std::string path_, url_;
};

TEST_F(DbCopyTest, APopulatedInstallationReadsTheSameOnPostgres) {
  auto report = copySqliteToPostgres(path_, url_);
  EXPECT_EQ(report.tables.size(), sql::copiedTables().size());
  auto rowsOf = [&](const std::string& table) {
    for (const auto& t : report.tables)
      if (t.table == table) return t.rows;
    return std::int64_t{-1};
  };
  EXPECT_EQ(rowsOf("api_tokens"), 250);
  EXPECT_EQ(rowsOf("api_token_roles"), 500);
  EXPECT_EQ(rowsOf("audit_records"), 20);
  EXPECT_EQ(rowsOf("users"), 3);

  SqliteStore source({.path = path_});
  PostgresStore copy({.url = url_});
  auto a = source.begin(Mode::Read);
  auto b = copy.begin(Mode::Read);
  const auto q = query(0, 100, {{"name", false}});
  const auto pa = a->tokens().list(kOrg, {}, q);
  const auto pb = b->tokens().list(kOrg, {}, q);
  ASSERT_EQ(pa.totalCount, pb.totalCount);
  ASSERT_EQ(pa.items.size(), pb.items.size());
  for (std::size_t i = 0; i < pa.items.size(); ++i) {
    EXPECT_EQ(pa.items[i].token.id, pb.items[i].token.id);
    EXPECT_EQ(pa.items[i].token.description, pb.items[i].token.description);
    EXPECT_EQ(pa.items[i].token.roles, pb.items[i].token.roles);
  }
  EXPECT_TRUE(b->tokens().findByHash("hash-" + testId('t', 7)));
  EXPECT_EQ(b->tokens().findRetiredHash("old-hash")->reason, "rotated");
  EXPECT_EQ(b->users().listMembers(kOrg, query(0, 10)).totalCount, 3);
  EXPECT_EQ(b->users().find(testId('u', 2))->fullName, "User É 2");
  EXPECT_EQ(b->workspaces().rolesOfUser(testId('w', 1), testId('u', 1)),
            std::vector<std::string>{"WORKSPACE_AUTHOR"});
  EXPECT_TRUE(b->invites().find(kOrg, testId('i', 1)));
  auto chain = b->audit().listChain(kOrg, 0, 100);
  ASSERT_EQ(chain.size(), 20u);
  EXPECT_TRUE(core::verifyAuditChain(chain, true).intact());
  EXPECT_EQ(b->audit().findChainHead(kOrg)->hash, a->audit().findChainHead(kOrg)->hash);
  b.reset();

  // A token made after the copy lists after the copied ones of the same second (seq continues).
  {
    auto tx = copy.begin(Mode::Write);
    tx->tokens().insert(makeToken(kOrg, testId('t', 0), "token 0", 50));
    tx->commit();
  }
  auto page = copy.begin(Mode::Read)->tokens().list(kOrg, {}, query(0, 300));
  ASSERT_EQ(page.items.size(), 251u);
  EXPECT_EQ(page.items.back().token.id, testId('t', 0));
}

TEST_F(DbCopyTest, ATargetThatHoldsDataIsRefusedAndLeftAsItWas) {
  copySqliteToPostgres(path_, url_);
  {
    PostgresStore copy({.url = url_});
    auto tx = copy.begin(Mode::Write);
    tx->organizations().insert(makeOrg(testId('o', 9), "Added on the target", 9));
    tx->commit();
  }
  try {
    copySqliteToPostgres(path_, url_);
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Conflict);
    EXPECT_NE(std::string(e.what()).find("not empty (organizations has 2 rows)"), std::string::npos)
        << e.what();
  }
  PostgresStore copy({.url = url_});
  EXPECT_EQ(copy.begin(Mode::Read)->organizations().list().size(), 2u);
}

TEST_F(DbCopyTest, AMissingSourceIsNotFoundAndTheTargetIsUntouched) {
  try {
    copySqliteToPostgres((dir_ / "typo.db").string(), url_);
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::NotFound);
  }
  postgres::Connection c(url_);
  EXPECT_EQ(c.exec("SELECT to_regclass('api_tokens') IS NULL").text(0, 0), "t");
}

}  // namespace
}  // namespace astro::store
