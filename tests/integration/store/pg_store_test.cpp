// PostgresStore specifics beyond the conformance suite: the placeholders it numbers, its
// migrations (embedded, the same numbers as SQLite's, applied once under an advisory lock when
// replicas start together, refused when newer), writes serialized across replicas (one audit
// chain), the pool and the write turn timing out as Busy, and a restart of the server that the
// next transaction survives.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

#include "core/audit/audit_chain.h"
#include "store/change_keys.h"
#include "store/postgres/pg_change_follower.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_migrations.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/migrations.h"
#include "store/store_stats.h"
#include "store_test_support.h"
#include "support/pg_cluster.h"

namespace astro::store {
namespace {

using namespace astro::store::testing;
using Mode = Store::Mode;

TEST(PgPlaceholders, QuestionMarksAreNumberedOutsideQuotesAndComments) {
  using postgres::numberedPlaceholders;
  EXPECT_EQ(numberedPlaceholders("SELECT a FROM t WHERE b = ? AND c = ?"),
            "SELECT a FROM t WHERE b = $1 AND c = $2");
  // ?N keeps its number; a bare ? follows the highest so far (SQLite's rule).
  EXPECT_EQ(numberedPlaceholders("x = ?2 AND y = ?1 AND z = ?"), "x = $2 AND y = $1 AND z = $3");
  EXPECT_EQ(numberedPlaceholders("a = ?1 OR b = ?1"), "a = $1 OR b = $1");
  EXPECT_EQ(numberedPlaceholders("s = 'what?' AND t = ?"), "s = 'what?' AND t = $1");
  EXPECT_EQ(numberedPlaceholders("s = 'it''s ?' AND \"we?ird\" = ?"),
            "s = 'it''s ?' AND \"we?ird\" = $1");
  EXPECT_EQ(numberedPlaceholders("a = ? -- why?\nAND b = ?"), "a = $1 -- why?\nAND b = $2");
  EXPECT_EQ(numberedPlaceholders("s = 'unterminated ?"), "s = 'unterminated ?");
  EXPECT_EQ(numberedPlaceholders("no placeholders"), "no placeholders");
}

TEST(PgMigrations, EmbeddedSqlMatchesFilesWithSqlitesNumbersAndNames) {
  const auto dir = std::filesystem::path(__FILE__).parent_path() / "../../../migrations/postgres";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  auto migrations = postgres::embeddedMigrations();
  auto sqlite = sqlite::embeddedMigrations();
  ASSERT_EQ(migrations.size(), sqlite.size()) << "the backends' migrations must pair up";
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, sqlite[i].version);
    EXPECT_EQ(migrations[i].name, sqlite[i].name);
    std::ifstream in(dir / (std::string(migrations[i].name) + ".sql"), std::ios::binary);
    ASSERT_TRUE(in) << migrations[i].name;
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), migrations[i].sql) << migrations[i].name << ".sql is not embedded as is";
  }
  EXPECT_EQ(postgres::latestSchemaVersion(), sqlite::latestSchemaVersion());
}

// A fresh database of the shared cluster, dropped at the end of the test.
class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { url_ = astro::testing::createTestDatabase(); }
  void TearDown() override { astro::testing::dropTestDatabase(url_); }

  PostgresOptions options(int poolSize = 4, int busyTimeoutMs = 5000) const {
    return PostgresOptions{
        .url = url_, .poolSize = poolSize, .busyTimeoutMs = busyTimeoutMs, .create = true};
  }
  std::string scalar(const std::string& sql) const {
    postgres::Connection c(url_);
    return c.exec(sql).text(0, 0);
  }

  std::string url_;
};

TEST_F(PgStoreTest, AnEmptyDatabaseGetsASchemaOnlyWhenAskedTo) {
  std::string message;
  EXPECT_EQ(kindOf([&] { PostgresStore s({.url = url_}); }, &message), StoreError::Kind::NotFound);
  EXPECT_NE(message.find("has no astro-server schema"), std::string::npos) << message;
  EXPECT_NE(message.find("astro-server init"), std::string::npos) << message;
  EXPECT_EQ(scalar("SELECT to_regclass('api_tokens') IS NULL"), "t") << "nothing was created";

  PostgresStore created(options());
  EXPECT_EQ(created.schemaVersion(), postgres::latestSchemaVersion());
  // Once it has a schema, opening without `create` works (and migrates what is missing).
  PostgresStore reopened({.url = url_});
  EXPECT_EQ(reopened.schemaVersion(), postgres::latestSchemaVersion());
}

TEST_F(PgStoreTest, ReplicasStartingTogetherApplyEachMigrationOnce) {
  constexpr int kReplicas = 4;
  std::atomic<int> ready{0}, failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kReplicas; ++i)
    threads.emplace_back([&] {
      ++ready;
      while (ready.load() < kReplicas) std::this_thread::yield();
      try {
        PostgresStore s(options());
        if (s.schemaVersion() != postgres::latestSchemaVersion()) ++failures;
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM schema_migrations"),
            std::to_string(postgres::latestSchemaVersion()));
}

TEST_F(PgStoreTest, ANewerSchemaIsRefusedNamingBothVersions) {
  { PostgresStore s(options()); }
  {
    postgres::Connection c(url_);
    c.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (99, 0)");
  }
  std::string message;
  EXPECT_EQ(kindOf([&] { PostgresStore s(options()); }, &message), StoreError::Kind::Io);
  EXPECT_NE(message.find("schema version 99"), std::string::npos) << message;
  EXPECT_NE(message.find(std::to_string(postgres::latestSchemaVersion()) + " this astro-server"),
            std::string::npos)
      << message;
}

// Two replicas writing one organization's audit log at once still make one chain: writes take
// turns across processes, as SQLite's do within one.
TEST_F(PgStoreTest, WritesOfTwoReplicasTakeTurnsAndKeepOneAuditChain) {
  PostgresStore a(options()), b(options());
  const std::string org = testId('o', 1);
  constexpr int kThreads = 4, kEach = 15;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      Store& store = t % 2 == 0 ? static_cast<Store&>(a) : b;
      try {
        for (int i = 0; i < kEach; ++i) {
          AuditRecord r;
          r.id = testId('a', t * 100 + i);
          r.time = at(1000 + i);
          r.organizationId = org;
          r.action = "apiToken.update";
          r.outcome = "SUCCESS";
          auto tx = store.begin(Mode::Write);
          tx->audit().insert(r);
          tx->commit();
        }
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  for (auto& t : threads) t.join();
  ASSERT_EQ(failures.load(), 0);
  auto records = b.begin(Mode::Read)->audit().listChain(org, 0, 1000);
  ASSERT_EQ(records.size(), static_cast<std::size_t>(kThreads * kEach));
  for (std::size_t i = 0; i < records.size(); ++i) EXPECT_EQ(records[i].chainSeq, i + 1);
  EXPECT_TRUE(core::verifyAuditChain(records, true).intact());
  EXPECT_EQ(a.begin(Mode::Read)->audit().findChainHead(org)->hash, records.back().hash);
}

TEST_F(PgStoreTest, AnExhaustedPoolAndAnotherReplicasWriteTurnAreBusy) {
  PostgresStore a(options(1, 300)), b(options(4, 300));
  auto held = a.begin(Mode::Write);  // a's only connection, and the write turn
  auto started = std::chrono::steady_clock::now();
  // A read takes its connection at its first statement: that is where it waits, then fails.
  auto read = a.begin(Mode::Read);
  EXPECT_EQ(kindOf([&] { read->organizations().list(); }), StoreError::Kind::Busy);
  auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, std::chrono::milliseconds(250));
  EXPECT_LT(waited, std::chrono::seconds(3));
  // b reads while a writes, but waits for the write turn no longer than its timeout.
  EXPECT_TRUE(b.begin(Mode::Read)->organizations().list().empty());
  std::string message;
  EXPECT_EQ(kindOf([&] { b.begin(Mode::Write); }, &message), StoreError::Kind::Busy) << message;
  held.reset();
  auto tx = b.begin(Mode::Write);
  tx->organizations().insert(makeOrg(testId('o', 1), "One", 1));
  tx->commit();
  EXPECT_EQ(a.begin(Mode::Read)->organizations().list().size(), 1u);
  ASSERT_NE(b.stats(), nullptr);
  EXPECT_GE(b.stats()->snapshot().failures[static_cast<int>(StoreError::Kind::Busy)], 1u);
}

// Requests served from the caches still begin a read transaction: one that reads nothing must
// cost no pooled connection (and no BEGIN/ROLLBACK round trips).
TEST_F(PgStoreTest, AReadThatReadsNothingTakesNoConnection) {
  PostgresStore a(options(1, 300));
  auto idle = a.begin(Mode::Read);  // never reads
  auto tx = a.begin(Mode::Write);   // so the pool's only connection is still free
  tx->organizations().insert(makeOrg(testId('o', 1), "One", 1));
  tx->commit();
  idle->commit();
  EXPECT_THROW(idle->commit(), StoreError) << "committed twice";
  EXPECT_THROW(idle->organizations().list(), StoreError) << "used after its end";
  EXPECT_EQ(a.begin(Mode::Read)->organizations().list().size(), 1u);
}

// After a failover an old primary comes back as a read-only standby, or a URL names one by
// mistake: the store opens (reads work), /readyz's check says why it is not ready, and a write
// is Unavailable (503, retry later: the database cannot take writes now), not an Io failure
// (500).
TEST(PgStandbyTest, OnAReadOnlyStandbyTheStoreIsNotReadyAndWritesAreUnavailable) {
  astro::testing::PgCluster primary;
  {
    PostgresStore created({.url = primary.url(), .poolSize = 1, .create = true});
    auto tx = created.begin(Mode::Write);
    tx->organizations().insert(makeOrg(testId('o', 1), "One", 1));
    tx->commit();
  }
  astro::testing::PgCluster standby(astro::testing::PgCluster::Options{.standbyOf = &primary});
  PostgresStore store({.url = standby.url(), .poolSize = 2, .busyTimeoutMs = 1000});
  const auto why = store.unreadyReason();
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("read-only standby"), std::string::npos) << *why;
  EXPECT_EQ(store.begin(Mode::Read)->organizations().list().size(), 1u) << "reads work";
  std::string message;
  EXPECT_EQ(kindOf(
                [&] {
                  auto tx = store.begin(Mode::Write);
                  tx->organizations().insert(makeOrg(testId('o', 2), "Two", 2));
                  tx->commit();
                },
                &message),
            StoreError::Kind::Unavailable)
      << message;
  EXPECT_FALSE(store.following()) << "a standby cannot LISTEN: nothing cached is trusted";
}

// How long after a commit through `writer` the key's generation moves on `reader` (the other
// replica); at most `limit`.
std::chrono::microseconds propagation(Store& writer, Store& reader, int i,
                                      std::chrono::milliseconds limit = std::chrono::seconds(2)) {
  TokenRecord t = makeToken(testId('o', 1), testId('t', 1000 + i), "t", i);
  t.valueHash = "hash-" + std::to_string(i) + "-" + std::to_string(::getpid());
  const std::string key = changes::tokenHash(t.valueHash);
  const auto before = reader.generation(key);
  {
    auto tx = writer.begin(Store::Mode::Write);
    tx->tokens().insert(t);
    tx->commit();
  }
  const auto committed = std::chrono::steady_clock::now();
  while (reader.generation(key) == before && std::chrono::steady_clock::now() - committed < limit)
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               committed);
}

struct Latencies {
  std::chrono::microseconds median, max;
};
Latencies measure(Store& writer, Store& reader, int from, int count) {
  std::vector<std::chrono::microseconds> all;
  for (int i = 0; i < count; ++i) all.push_back(propagation(writer, reader, from + i));
  std::sort(all.begin(), all.end());
  return {all[all.size() / 2], all.back()};
}

void insertOrg(Store& store) {
  auto tx = store.begin(Store::Mode::Write);
  tx->organizations().insert(makeOrg(testId('o', 1), "One", 1));
  tx->commit();
}

int terminateFollowers(const std::string& url) {
  postgres::Connection admin(url);
  return static_cast<int>(
      admin
          .exec("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                "application_name = $1 AND datname = current_database()",
                {postgres::ChangeFollower::kApplicationName})
          .int64(0, 0));
}

bool waitFollowing(const PostgresStore& s, std::chrono::seconds limit = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!s.following() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return s.following();
}

// The bound of product.md: a change through replica A moves the key on replica B within 1 s in
// the worst case and 100 ms at the median, also after B's notification connection is killed.
TEST_F(PgStoreTest, AChangeThroughOneReplicaReachesTheOtherWithinTheBound) {
  PostgresStore a(options()), b(options());
  ASSERT_TRUE(waitFollowing(a) && waitFollowing(b));
  insertOrg(a);
  const auto steady = measure(a, b, 0, 60);
  EXPECT_LT(steady.median, std::chrono::milliseconds(100));
  EXPECT_LT(steady.max, std::chrono::seconds(1));

  ASSERT_EQ(terminateFollowers(url_), 2) << "both replicas' followers";
  // At once, then while it reconnects: B hears of A's changes (or trusts nothing) within 1 s.
  const auto cut = measure(a, b, 100, 5);
  EXPECT_LT(cut.max, std::chrono::seconds(1));
  ASSERT_TRUE(waitFollowing(b));
  const auto after = measure(a, b, 200, 30);
  EXPECT_LT(after.median, std::chrono::milliseconds(100));
  EXPECT_LT(after.max, std::chrono::seconds(1));
  std::cout << "[ propagation ] steady p50 " << steady.median.count() << " us, max "
            << steady.max.count() << " us; after the follower was killed: max " << cut.max.count()
            << " us, then p50 " << after.median.count() << " us, max " << after.max.count()
            << " us\n";
}

// A replica's own commits move its keys once (its follower skips the rows it wrote): a value it
// reads right after its own commit stays cached.
TEST_F(PgStoreTest, AReplicasOwnChangesMoveItsKeysOnce) {
  PostgresStore a(options());
  ASSERT_TRUE(waitFollowing(a));
  insertOrg(a);
  const std::string key = changes::tokenHash("hash-own");
  TokenRecord t = makeToken(testId('o', 1), testId('t', 1), "t", 1);
  t.valueHash = "hash-own";
  {
    auto tx = a.begin(Store::Mode::Write);
    tx->tokens().insert(t);
    tx->commit();
  }
  const auto after = a.generation(key);
  std::this_thread::sleep_for(std::chrono::milliseconds(600));  // past the polling interval
  EXPECT_EQ(a.generation(key), after);
}

// The next transaction after a restart of the server runs on a fresh connection; the pooled ones
// the restart cut are dropped, and the cut is told to the observer.
TEST(PgStoreRestartTest, TheNextTransactionAfterARestartWorks) {
  astro::testing::PgCluster cluster;  // its own: a restart would cut every other test's
  struct Log final : FailureObserver {
    std::atomic<int> failures{0};
    void storeFailed(const StoreFailure&) noexcept override { ++failures; }
  } log;
  PostgresStore store({.url = cluster.url(), .poolSize = 2, .create = true, .observer = &log});
  {
    auto tx = store.begin(Mode::Write);
    tx->organizations().insert(makeOrg(testId('o', 1), "One", 1));
    tx->commit();
  }
  cluster.restart();
  EXPECT_EQ(store.begin(Mode::Read)->organizations().list().size(), 1u);
  {
    auto tx = store.begin(Mode::Write);
    tx->organizations().insert(makeOrg(testId('o', 2), "Two", 2));
    tx->commit();
  }
  EXPECT_EQ(store.begin(Mode::Read)->organizations().list().size(), 2u);
  EXPECT_GE(log.failures.load(), 1) << "the cut connection is logged";
  EXPECT_EQ(store.unreadyReason(), std::nullopt);
}

// A restart cuts every pooled connection at once: the next transaction must not meet them one by
// one (found by the ASan pass of e2e replicas_test: a create after pg_ctl restart answered 503).
TEST(PgStoreRestartTest, AFullPoolOfCutConnectionsIsNotHandedOut) {
  astro::testing::PgCluster cluster;
  PostgresStore store({.url = cluster.url(), .poolSize = 4, .create = true});
  {
    std::vector<std::unique_ptr<Transaction>> open;  // four connections into the pool
    for (int i = 0; i < 4; ++i) open.push_back(store.begin(Store::Mode::Read));
  }
  cluster.restart();
  {
    auto tx = store.begin(Store::Mode::Write);
    tx->organizations().insert(makeOrg(testId('o', 1), "One", 1));
    tx->commit();
  }
  EXPECT_EQ(store.begin(Store::Mode::Read)->organizations().list().size(), 1u);
}

// After pg_ctl restart, the changes of one replica still reach the other within 1 s (while the
// follower is away nothing cached is trusted), and the follower comes back.
TEST(PgStoreRestartTest, ChangesReachTheOtherReplicaAcrossARestart) {
  astro::testing::PgCluster cluster;
  PostgresStore a({.url = cluster.url(), .create = true}), b({.url = cluster.url()});
  ASSERT_TRUE(waitFollowing(a) && waitFollowing(b));
  insertOrg(a);
  EXPECT_LT(measure(a, b, 0, 10).max, std::chrono::seconds(1));
  cluster.restart();
  const auto across = measure(a, b, 100, 5);
  EXPECT_LT(across.max, std::chrono::seconds(1));
  ASSERT_TRUE(waitFollowing(b));
  const auto after = measure(a, b, 200, 20);
  EXPECT_LT(after.median, std::chrono::milliseconds(100));
  EXPECT_LT(after.max, std::chrono::seconds(1));
  std::cout << "[ propagation ] across pg_ctl restart: max " << across.max.count()
            << " us; after it: p50 " << after.median.count() << " us, max " << after.max.count()
            << " us\n";
}

}  // namespace
}  // namespace astro::store
