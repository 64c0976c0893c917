// SqliteStore specifics beyond the conformance suite: embedded migrations, reopening, WAL,
// durability settings, concurrency on a file database, ":memory:" isolation.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "core/audit/audit_chain.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_stats.h"
#include "store_test_support.h"

namespace astro::store {
namespace {

using namespace astro::store::testing;
using Mode = Store::Mode;

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/astro-sqlite-test-XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp");
    path_ = tmpl;
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Runs a one-value query on the database file with a plain connection (outside the store).
std::string queryText(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

TEST(MigrationsTest, EmbeddedSqlMatchesFiles) {
  const auto dir = std::filesystem::path(__FILE__).parent_path() / "../../../migrations/sqlite";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".sql") ++files;
  auto migrations = sqlite::embeddedMigrations();
  ASSERT_EQ(migrations.size(), files) << "a .sql file is not embedded (re-run cmake)";
  int expectedVersion = 1;
  for (const auto& m : migrations) {
    EXPECT_EQ(m.version, expectedVersion++);
    std::ifstream in(dir / (std::string(m.name) + ".sql"), std::ios::binary);
    ASSERT_TRUE(in) << m.name;
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), m.sql) << m.name << ".sql differs from the embedded copy";
    EXPECT_EQ(std::stoi(std::string(m.name.substr(0, 4))), m.version);
  }
}

TEST(SqliteStoreTest, MigratesAFreshDatabaseAndReopensIdempotently) {
  TempDir dir;
  const std::string path = dir.file("astro.db");
  const int latest = static_cast<int>(sqlite::embeddedMigrations().size());
  {
    SqliteStore store({.path = path, .create = true});
    EXPECT_EQ(store.schemaVersion(), latest);
    auto tx = store.begin(Mode::Write);
    tx->organizations().insert(makeOrg(testId('o', 1), "Kept", 1));
    tx->commit();
  }
  for (int i = 0; i < 2; ++i) {
    SqliteStore store({.path = path, .create = true});
    EXPECT_EQ(store.schemaVersion(), latest);
    auto tx = store.begin(Mode::Read);
    EXPECT_TRUE(tx->organizations().find(testId('o', 1)));
  }
  EXPECT_EQ(queryText(path, "SELECT COUNT(*) FROM schema_migrations"), std::to_string(latest));
  EXPECT_EQ(queryText(path, "PRAGMA journal_mode"), "wal");
}

// Records written before the audit chain existed (schema 3: no chain columns, no heads) are
// chained when the store opens, in the order they were written.
TEST(SqliteStoreTest, AuditRecordsWrittenBeforeTheChainAreChainedOnOpen) {
  TempDir dir;
  const std::string path = dir.file("astro.db");
  {
    SqliteStore store({.path = path, .create = true});
    auto tx = store.begin(Mode::Write);
    for (int i = 1; i <= 3; ++i) {
      AuditRecord r;
      r.id = testId('a', i);
      r.time = at(100 - i);  // the clock stepped back: writing order still wins
      r.organizationId = testId('o', 1);
      r.action = "apiToken.update";
      r.outcome = "SUCCESS";
      tx->audit().insert(r);
    }
    tx->commit();
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE audit_records SET chain_seq = NULL, prev_hash = NULL, hash = NULL;"
                         "DELETE FROM audit_chain_heads;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  ASSERT_EQ(queryText(path, "SELECT COUNT(*) FROM audit_records WHERE hash IS NULL"), "3");

  SqliteStore store({.path = path});
  auto tx = store.begin(Mode::Read);
  auto records = tx->audit().listChain(testId('o', 1), 0, 10);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].id, testId('a', 1));
  EXPECT_EQ(records[2].id, testId('a', 3));
  EXPECT_TRUE(core::verifyAuditChain(records, true).intact());
  EXPECT_EQ(tx->audit().findChainHead(testId('o', 1))->hash, records.back().hash);
}

TEST(SqliteStoreTest, OpeningAnUnwritablePathThrows) {
  EXPECT_THROW(SqliteStore({.path = "/nonexistent-dir/astro.db", .create = true}), StoreError);
}

TEST(SqliteStoreTest, MemoryStoresAreIndependentAndShareOneDatabaseAcrossThreads) {
  SqliteStore a({.path = ":memory:"});
  SqliteStore b({.path = ":memory:"});
  {
    auto tx = a.begin(Mode::Write);
    tx->organizations().insert(makeOrg(testId('o', 1), "in a", 1));
    tx->commit();
  }
  EXPECT_FALSE(b.begin(Mode::Read)->organizations().find(testId('o', 1)));
  bool seen = false;
  std::thread([&] {
    seen = a.begin(Mode::Read)->organizations().find(testId('o', 1)).has_value();
  }).join();
  EXPECT_TRUE(seen);
}

TEST(SqliteStoreTest, ReadBegunWhileAWriteIsOpenOnTheSameThreadSeesCommittedState) {
  TempDir dir;
  SqliteStore store({.path = dir.file("astro.db"), .create = true});
  auto write = store.begin(Mode::Write);
  write->organizations().insert(makeOrg(testId('o', 1), "pending", 1));
  {
    auto read = store.begin(Mode::Read);
    EXPECT_FALSE(read->organizations().find(testId('o', 1)));
  }
  write->commit();
  EXPECT_TRUE(store.begin(Mode::Read)->organizations().find(testId('o', 1)));
}

TEST(SqliteStoreTest, ConcurrentReadersAndAWriterOnAFile) {
  TempDir dir;
  SqliteStore store({.path = dir.file("astro.db"), .create = true});
  const std::string org = testId('o', 1);
  {
    auto tx = store.begin(Mode::Write);
    tx->organizations().insert(makeOrg(org, "busy", 1));
    tx->commit();
  }
  constexpr int kTokens = 200;
  std::atomic<bool> done{false};
  std::atomic<int> errors{0};
  std::atomic<long> reads{0};

  std::thread writer([&] {
    try {
      for (int i = 0; i < kTokens; ++i) {
        auto tx = store.begin(Mode::Write);
        // (std::string("t").append: GCC 12 -Wrestrict misfires on "t" + std::to_string(i).)
        tx->tokens().insert(
            makeToken(org, testId('t', i), std::string("t").append(std::to_string(i)), i));
        if (i % 3 == 0 && i > 0) tx->tokens().remove(org, testId('t', i - 1));
        tx->commit();
      }
    } catch (const std::exception& e) {
      ADD_FAILURE() << "writer: " << e.what();
      ++errors;
    }
    done = true;
  });
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&] {
      try {
        std::int64_t lastCount = 0;
        while (!done) {
          auto tx = store.begin(Mode::Read);
          auto page = tx->tokens().list(org, {}, query(0, 1000));
          // Within one read transaction the counter and the rows agree (one snapshot).
          if (page.totalCount != static_cast<std::int64_t>(page.items.size())) ++errors;
          if (page.totalCount < lastCount - 1) ++errors;
          lastCount = page.totalCount;
          for (const auto& t : page.items)
            if (t.token.roles.size() != 1) ++errors;
          ++reads;
        }
      } catch (const std::exception& e) {
        ADD_FAILURE() << "reader: " << e.what();
        ++errors;
      }
    });
  }
  writer.join();
  for (auto& t : readers) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_GT(reads.load(), 0);
  auto tx = store.begin(Mode::Read);
  EXPECT_EQ(tx->tokens().list(org, {}, query(0, 1000)).items.size(),
            static_cast<std::size_t>(kTokens - (kTokens - 1) / 3));
}

TEST(SqliteStoreTest, ManyWritersTakeTurnsAndEveryCommitLands) {
  TempDir dir;
  SqliteStore store({.path = dir.file("astro.db"), .create = true});
  constexpr int kThreads = 8, kEach = 40;
  std::atomic<int> errors{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kThreads; ++w)
    writers.emplace_back([&, w] {
      try {
        for (int i = 0; i < kEach; ++i) {
          auto tx = store.begin(Mode::Write);
          tx->organizations().insert(makeOrg(testId('o', w * kEach + i), "org", w * kEach + i));
          tx->commit();
        }
      } catch (const std::exception& e) {
        ADD_FAILURE() << "writer " << w << ": " << e.what();
        ++errors;
      }
    });
  for (auto& t : writers) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(store.begin(Mode::Read)->organizations().list().size(),
            static_cast<std::size_t>(kThreads * kEach));
}

TEST(SqliteStoreTest, AWriterThatNeverGetsItsTurnFailsBusyAfterTheTimeout) {
  TempDir dir;
  SqliteStore store({.path = dir.file("astro.db"), .busyTimeoutMs = 50, .create = true});
  auto holder = store.begin(Mode::Write);
  const auto start = std::chrono::steady_clock::now();
  try {
    auto second = store.begin(Mode::Write);  // same thread: would wait for itself
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Busy);
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(50));
  holder.reset();
  EXPECT_NO_THROW(store.begin(Mode::Write));  // the turn is free again
}

// Records what the store reports (the server logs it).
struct RecordingObserver : FailureObserver {
  std::mutex mu;
  std::vector<StoreFailure> seen;
  void storeFailed(const StoreFailure& f) noexcept override {
    std::lock_guard lock(mu);
    seen.push_back(f);
  }
};

TEST(SqliteStoreTest, AMissingFileIsNotCreatedUnlessAsked) {
  TempDir dir;
  try {
    SqliteStore store({.path = dir.file("typo.db")});
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::NotFound);
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("typo.db")));
  SqliteStore created({.path = dir.file("new.db"), .create = true});
  EXPECT_EQ(std::filesystem::status(dir.file("new.db")).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST(SqliteStoreTest, TheWriterLockFollowsTheFileNotTheName) {
  TempDir dir;
  SqliteStore first({.path = dir.file("a.db"), .create = true, .exclusive = true});
  std::filesystem::create_symlink(dir.file("a.db"), dir.file("link.db"));
  for (const std::string& name : {dir.file("a.db"), dir.file("link.db")}) {
    try {
      SqliteStore second({.path = name, .exclusive = true});
      FAIL() << "expected StoreError for " << name;
    } catch (const StoreError& e) {
      EXPECT_EQ(e.kind(), StoreError::Kind::Locked) << name;
      EXPECT_NE(std::string(e.what()).find("already serving " + name), std::string::npos);
    }
  }
  std::filesystem::create_hard_link(dir.file("a.db"), dir.file("hard.db"));
  try {
    SqliteStore viaLink({.path = dir.file("hard.db")});  // not exclusive: init, say
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("has 2 names (hard links)"), std::string::npos)
        << e.what();
  }
}

TEST(SqliteStoreTest, ANewerSchemaIsRefusedNamingBothVersions) {
  TempDir dir;
  { SqliteStore store({.path = dir.file("a.db"), .create = true}); }
  sqlite3* db = nullptr;
  sqlite3_open(dir.file("a.db").c_str(), &db);
  sqlite3_exec(db, "INSERT INTO schema_migrations VALUES (99, 0)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  try {
    SqliteStore store({.path = dir.file("a.db")});
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 99, newer than the " +
                                         std::to_string(sqlite::latestSchemaVersion()) +
                                         " this astro-server knows"),
              std::string::npos)
        << e.what();
  }
}

TEST(SqliteStoreTest, ARemovedFileRefusesWritesReportsItAndIsNotReady) {
  TempDir dir;
  RecordingObserver observer;
  SqliteStore store({.path = dir.file("a.db"), .create = true, .observer = &observer});
  EXPECT_FALSE(store.unreadyReason());
  std::filesystem::remove(dir.file("a.db"));
  try {
    store.begin(Mode::Write);
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Unavailable);
  }
  auto reason = store.unreadyReason();
  ASSERT_TRUE(reason);
  EXPECT_NE(reason->find("was removed"), std::string::npos) << *reason;
  ASSERT_FALSE(observer.seen.empty());
  EXPECT_EQ(observer.seen.front().cause, "database_removed");
  EXPECT_NO_THROW(store.begin(Mode::Read));  // what was committed can still be read
}

std::uint64_t bucketTotal(const StoreStats::Histogram& h) {
  std::uint64_t n = 0;
  for (auto b : h.buckets) n += b;
  return n;
}

TEST(SqliteStoreTest, StatsTimeEveryTransactionByModeAndCountFailuresByKind) {
  TempDir dir;
  SqliteStore store({.path = dir.file("a.db"), .busyTimeoutMs = 20, .create = true});
  ASSERT_NE(store.stats(), nullptr);
  const auto before = store.stats()->snapshot();  // opening ran transactions of its own
  {
    auto tx = store.begin(Mode::Write);
    std::this_thread::sleep_for(std::chrono::milliseconds(30));  // the hold is timed too
    tx->commit();
  }
  { auto abandoned = store.begin(Mode::Write); }  // rolled back: counted as well
  for (int i = 0; i < 3; ++i) store.begin(Mode::Read)->organizations().list();

  auto s = store.stats()->snapshot();
  EXPECT_EQ(s.write.count - before.write.count, 2u);
  EXPECT_EQ(s.read.count - before.read.count, 3u);
  EXPECT_EQ(bucketTotal(s.write), s.write.count);
  EXPECT_EQ(bucketTotal(s.read), s.read.count);
  EXPECT_GE(s.write.sumSeconds - before.write.sumSeconds, 0.030);
  // The committed write took at least 30 ms: it is in a bucket above 25 ms.
  std::size_t firstAbove = 0;
  while (StoreStats::kBuckets[firstAbove] < 0.025) ++firstAbove;
  std::uint64_t slow = 0;
  for (std::size_t i = firstAbove + 1; i < StoreStats::kBucketCount; ++i) slow += s.write.buckets[i];
  EXPECT_GE(slow, 1u);
  for (auto n : s.failures) EXPECT_EQ(n, 0u);

  // A write that gets no turn, then writes after the file is removed: one busy, one unavailable.
  {
    auto holder = store.begin(Mode::Write);
    EXPECT_THROW(store.begin(Mode::Write), StoreError);
  }
  std::filesystem::remove(dir.file("a.db"));
  EXPECT_THROW(store.begin(Mode::Write), StoreError);
  s = store.stats()->snapshot();
  EXPECT_EQ(s.failures[static_cast<std::size_t>(StoreError::Kind::Busy)], 1u);
  EXPECT_EQ(s.failures[static_cast<std::size_t>(StoreError::Kind::Unavailable)], 1u);
  EXPECT_EQ(s.failures[static_cast<std::size_t>(StoreError::Kind::Io)], 0u);
  EXPECT_STREQ(kindName(StoreError::Kind::Unavailable), "unavailable");
}

// SQLite opens the -wal and -shm by name: a connection opened after either was removed would
// start a second log (or index) of the same database, which corrupts it.
TEST(SqliteStoreTest, ARemovedOrReplacedWalOrShmRefusesWritesAndIsNotReady) {
  for (const std::string suffix : {"-wal", "-shm"}) {
    for (const bool replace : {false, true}) {
      SCOPED_TRACE(suffix + (replace ? " replaced" : " removed"));
      TempDir dir;
      RecordingObserver observer;
      SqliteStore store({.path = dir.file("a.db"), .create = true, .observer = &observer});
      { auto tx = store.begin(Mode::Write); tx->commit(); }
      ASSERT_TRUE(std::filesystem::exists(dir.file("a.db" + suffix)));
      EXPECT_FALSE(store.unreadyReason());
      std::filesystem::remove(dir.file("a.db" + suffix));
      if (replace) std::ofstream(dir.file("a.db" + suffix)) << "";
      try {
        store.begin(Mode::Write);
        FAIL() << "expected StoreError";
      } catch (const StoreError& e) {
        EXPECT_EQ(e.kind(), StoreError::Kind::Unavailable);
        EXPECT_NE(std::string(e.what()).find("a.db" + suffix), std::string::npos) << e.what();
      }
      auto reason = store.unreadyReason();
      ASSERT_TRUE(reason);
      EXPECT_NE(reason->find(replace ? "was replaced" : "was removed"), std::string::npos)
          << *reason;
      ASSERT_FALSE(observer.seen.empty());
      EXPECT_EQ(observer.seen.front().cause,
                suffix.substr(1) + (replace ? "_replaced" : "_removed"));
    }
  }
}

// The store contract holds without SQLite triggers (a PostgreSQL store has the same code path):
// the token counters a list answers totalCount from are kept by the store's insert and delete.
// Runs SQL on the database file with a plain connection (outside the store).
void execOn(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err != nullptr ? err : "") << " in: " << sql;
  sqlite3_free(err);
  sqlite3_close(db);
}

// A database as a release of schema `version` left it: the embedded migrations up to it, applied
// and recorded the way the runner does.
void createAtSchema(const std::string& path, int version) {
  std::string sql =
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);";
  for (const auto& m : sqlite::embeddedMigrations()) {
    if (m.version > version) break;
    sql.append(m.sql)
        .append(";INSERT INTO schema_migrations VALUES (")
        .append(std::to_string(m.version))
        .append(", 0);");
  }
  execOn(path, sql);
}

// A token row as schemas 1-5 take it (the columns every one of them has).
std::string insertTokenRow(const std::string& org, const std::string& id, int createdAt) {
  std::string sql =
      "INSERT INTO api_tokens (id, organization_id, name, description, short_token, value_hash, "
      "scope, kind, start_at, created_at, updated_at) VALUES ('";
  sql.append(id).append("', '").append(org).append("', '").append(id).append("', '', 's', 'h-");
  sql.append(id).append("', 'ORGANIZATION', 'API_TOKEN', 0, ").append(std::to_string(createdAt));
  sql.append(", 0);");
  return sql;
}

TEST(SqliteStoreTest, NoTriggersKeepTheTokenCounters) {
  TempDir dir;
  { SqliteStore store({.path = dir.file("a.db"), .create = true}); }
  EXPECT_EQ(queryText(dir.file("a.db"), "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'"),
            "0");

  // A database of schema 4 (triggers, and counters that drifted) is recounted by migration 5.
  const std::string org = testId('o', 1);
  const std::string path = dir.file("b.db");
  createAtSchema(path, 4);
  std::string rows =
      "INSERT INTO organizations (id, name, product, status, created_at, "
      "updated_at) VALUES ('" +
      org + "', 'One', 'HOSTED', 'ACTIVE', 0, 0);";
  for (int i = 1; i <= 3; ++i) rows += insertTokenRow(org, testId('t', i), i);
  rows += "UPDATE organizations SET api_token_count = 99, org_scope_api_token_count = 98;";
  execOn(path, rows);
  EXPECT_EQ(queryText(path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'"), "3");

  SqliteStore store({.path = path});
  EXPECT_EQ(store.schemaVersion(), sqlite::latestSchemaVersion());
  EXPECT_EQ(store.begin(Mode::Read)->tokens().list(org, {}, core::ListQuery{}).totalCount, 3);
  EXPECT_EQ(queryText(path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'"), "0");
  {
    auto tx = store.begin(Mode::Write);
    ASSERT_TRUE(tx->tokens().remove(org, testId('t', 2)));
    tx->commit();
  }
  EXPECT_EQ(store.begin(Mode::Read)->tokens().list(org, {}, core::ListQuery{}).totalCount, 2);
}

// Migration 6 gives the rows of schema 5 the order they had (their rowid) in `seq`; rows made
// after it follow them, and ties of a list are broken by it.
TEST(SqliteStoreTest, InsertionOrderSurvivesTheMoveFromRowidToSeq) {
  TempDir dir;
  const std::string path = dir.file("a.db");
  createAtSchema(path, 5);
  const std::string org = testId('o', 1);
  std::string rows =
      "INSERT INTO organizations (id, name, product, status, created_at, "
      "updated_at, api_token_count, org_scope_api_token_count) VALUES ('" +
      org + "', 'One', 'HOSTED', 'ACTIVE', 0, 0, 3, 3);";
  // IDs in the opposite order to their insertion, all made in the same second.
  for (int i = 3; i >= 1; --i) rows += insertTokenRow(org, testId('t', i), 50);
  execOn(path, rows);

  SqliteStore store({.path = path});
  {
    auto tx = store.begin(Mode::Write);
    tx->tokens().insert(makeToken(org, testId('t', 0), "t", 50));
    tx->commit();
  }
  auto page = store.begin(Mode::Read)->tokens().list(org, {}, core::ListQuery{});
  ASSERT_EQ(page.items.size(), 4u);
  EXPECT_EQ(page.items[0].token.id, testId('t', 3));
  EXPECT_EQ(page.items[1].token.id, testId('t', 2));
  EXPECT_EQ(page.items[2].token.id, testId('t', 1));
  EXPECT_EQ(page.items[3].token.id, testId('t', 0));
  EXPECT_EQ(queryText(path, "SELECT COUNT(*) FROM api_tokens WHERE seq IS NULL"), "0");
  EXPECT_EQ(queryText(path, "SELECT seq FROM api_tokens WHERE id = '" + testId('t', 0) + "'"), "4");
}

TEST(SqliteStoreTest, PingIsTrueOnAnOpenStore) {
  SqliteStore store({.path = ":memory:"});
  EXPECT_TRUE(store.ping());
}

}  // namespace
}  // namespace astro::store
