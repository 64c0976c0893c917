// The libpq connection of the PostgreSQL store (src/store/postgres/pg_connection.h) against a
// throwaway cluster: parameters and NULLs, prepared statements reused, SQLSTATE mapped to the
// store's error kinds, messages without passwords or row values, and a connection that comes
// back after the server restarts; TLS to the database exactly when the URL asks for it.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_store.h"
#include "store_test_support.h"
#include "support/pg_cluster.h"

namespace astro::store::postgres {
namespace {

using astro::store::testing::kindOf;
using astro::testing::PgCluster;

class PgConnectionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cluster_ = std::make_unique<PgCluster>(); }
  static void TearDownTestSuite() { cluster_.reset(); }
  static std::unique_ptr<PgCluster> cluster_;
};
std::unique_ptr<PgCluster> PgConnectionTest::cluster_;

TEST(PgUrl, PasswordsAreRedacted) {
  EXPECT_EQ(redactedUrl("postgresql://app:s3cr3t@db.example:5432/astro?sslmode=require"),
            "postgresql://app:***@db.example:5432/astro?sslmode=require");
  EXPECT_EQ(redactedUrl("postgres://app@db/astro?password=s3cr3t&sslmode=require"),
            "postgres://app@db/astro?password=***&sslmode=require");
  EXPECT_EQ(redactedUrl("host=db user=app password=s3cr3t dbname=astro"),
            "host=db user=app password=*** dbname=astro");
  EXPECT_EQ(redactedUrl("postgresql://app@db/astro"), "postgresql://app@db/astro");
}

TEST(PgUrl, SqlStatesMapToStoreErrorKinds) {
  EXPECT_EQ(kindOfSqlState("23505"), StoreError::Kind::Conflict);  // unique_violation
  EXPECT_EQ(kindOfSqlState("23503"), StoreError::Kind::Conflict);  // foreign_key_violation
  EXPECT_EQ(kindOfSqlState("40001"), StoreError::Kind::Retry);     // serialization_failure
  EXPECT_EQ(kindOfSqlState("40P01"), StoreError::Kind::Retry);     // deadlock_detected
  EXPECT_EQ(kindOfSqlState("08006"), StoreError::Kind::Unavailable);
  EXPECT_EQ(kindOfSqlState("57P01"), StoreError::Kind::Unavailable);  // admin_shutdown
  EXPECT_EQ(kindOfSqlState("53100"), StoreError::Kind::Unavailable);  // disk_full
  // read_only_sql_transaction: a write on a hot standby (the database cannot take writes now).
  EXPECT_EQ(kindOfSqlState("25006"), StoreError::Kind::Unavailable);
  EXPECT_EQ(kindOfSqlState("42601"), StoreError::Kind::Io);           // syntax_error
  EXPECT_EQ(kindOfSqlState(""), StoreError::Kind::Unavailable);       // no answer at all
}

TEST_F(PgConnectionTest, ParametersNullsPreparedStatementsAndChanges) {
  Connection c(cluster_->url());
  c.execScript("CREATE TABLE t (id TEXT PRIMARY KEY, n BIGINT, note TEXT)");
  const std::string insert = "INSERT INTO t (id, n, note) VALUES ($1, $2, $3)";
  EXPECT_EQ(c.exec(insert, {"a", "1", "it's; DROP TABLE t; --"}).changes(), 1);
  EXPECT_EQ(c.exec(insert, {"b", "2", std::nullopt}).changes(), 1);  // prepared once, reused
  auto r = c.exec("SELECT id, n, note FROM t ORDER BY id");
  ASSERT_EQ(r.rows(), 2);
  EXPECT_EQ(r.text(0, 0), "a");
  EXPECT_EQ(r.int64(1, 1), 2);
  EXPECT_EQ(r.optText(0, 2), "it's; DROP TABLE t; --");  // a value, never SQL
  EXPECT_FALSE(r.optText(1, 2));
  EXPECT_EQ(c.exec("UPDATE t SET n = n + 1 WHERE id = $1", {"zzz"}).changes(), 0);
  EXPECT_THROW(r.int64(0, 0), StoreError);  // "a" is not an integer
  c.execScript("DROP TABLE t");
}

TEST_F(PgConnectionTest, ErrorsHaveTheirKindAndNoRowValues) {
  Connection c(cluster_->url());
  c.execScript("CREATE TABLE u (email TEXT UNIQUE)");
  c.exec("INSERT INTO u VALUES ($1)", {"secret-address@example.com"});
  std::string message;
  EXPECT_EQ(kindOf([&] { c.exec("INSERT INTO u VALUES ($1)", {"secret-address@example.com"}); },
                   &message),
            StoreError::Kind::Conflict);
  EXPECT_NE(message.find("SQLSTATE 23505"), std::string::npos) << message;
  EXPECT_EQ(message.find("secret-address"), std::string::npos) << "no row value: " << message;
  EXPECT_EQ(kindOf([&] { c.exec("SELEC 1"); }), StoreError::Kind::Io);
  EXPECT_EQ(c.exec("SELECT COUNT(*) FROM u").int64(0, 0), 1) << "the connection still works";
  c.execScript("DROP TABLE u");
}

TEST_F(PgConnectionTest, ARefusedConnectionIsUnavailableAndNamesNoPassword) {
  std::string message;
  auto url = "postgresql://astro:hunter2@127.0.0.1:1/astro?connect_timeout=2";
  EXPECT_EQ(kindOf([&] { Connection c(url); }, &message), StoreError::Kind::Unavailable);
  EXPECT_NE(message.find("postgresql://astro:***@127.0.0.1:1/astro"), std::string::npos) << message;
  EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
}

TEST_F(PgConnectionTest, AfterARestartTheConnectionFailsUnavailableAndReconnects) {
  Connection c(cluster_->url());
  EXPECT_TRUE(c.healthy());
  EXPECT_EQ(c.exec("SELECT $1::int + 1", {"41"}).int64(0, 0), 42);
  cluster_->restart();
  EXPECT_FALSE(c.healthy());
  EXPECT_EQ(kindOf([&] { c.exec("SELECT $1::int + 1", {"1"}); }), StoreError::Kind::Unavailable);
  c.reconnect();
  EXPECT_TRUE(c.healthy());
  EXPECT_EQ(c.exec("SELECT $1::int + 1", {"1"}).int64(0, 0), 2) << "prepared again";
}

// A cluster that serves TLS (and plain connections too): libpq's sslmode in the URL decides, and
// verify-full checks the certificate against sslrootcert and the host name.
class PgTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cluster_ = std::make_unique<PgCluster>(PgCluster::Options{.tls = true});
  }
  static void TearDownTestSuite() { cluster_.reset(); }
  static std::string url(const std::string& query) { return cluster_->url() + "?" + query; }
  static std::string verifyFull(const std::filesystem::path& ca) {
    return url("sslmode=verify-full&sslrootcert=" + ca.string());
  }
  // What the server says of this connection: "true TLSv1.3", "false ".
  static std::string sslOf(Connection& c) {
    auto r = c.exec(
        "SELECT ssl::text || ' ' || coalesce(version, '') FROM pg_stat_ssl "
        "WHERE pid = pg_backend_pid()");
    return r.text(0, 0);
  }
  static std::unique_ptr<PgCluster> cluster_;
};
std::unique_ptr<PgCluster> PgTlsTest::cluster_;

TEST_F(PgTlsTest, TheUrlsSslmodeDecidesAndVerifyFullChecksTheCertificate) {
  Connection verified(verifyFull(cluster_->caFile()));
  EXPECT_EQ(sslOf(verified).rfind("true TLSv1.", 0), 0u) << sslOf(verified);
  Connection required(url("sslmode=require"));
  EXPECT_EQ(sslOf(required).rfind("true ", 0), 0u);
  Connection plain(url("sslmode=disable"));
  EXPECT_EQ(sslOf(plain), "false ");
}

TEST_F(PgTlsTest, ACertificateFromAnotherCaIsRefusedAndTheMessageSaysWhy) {
  std::string message;
  EXPECT_EQ(kindOf([&] { Connection c(verifyFull(cluster_->otherCaFile())); }, &message),
            StoreError::Kind::Unavailable);
  EXPECT_NE(message.find("certificate verify failed"), std::string::npos) << message;
  // The host name is checked too: the certificate names 127.0.0.1, not localhost.
  const std::string byName =
      "postgresql://astro@localhost:" + std::to_string(cluster_->port()) +
      "/astro?sslmode=verify-full&sslrootcert=" + cluster_->caFile().string();
  EXPECT_EQ(kindOf([&] { Connection c(byName); }, &message), StoreError::Kind::Unavailable);
  EXPECT_NE(message.find("localhost"), std::string::npos) << message;
}

TEST_F(PgTlsTest, TheStoreRunsOverTlsWhenTheUrlAsksForIt) {
  // Migrations, a write, a read and the change follower's own connection, all over verify-full.
  PostgresStore store({.url = verifyFull(cluster_->caFile()), .poolSize = 2, .create = true});
  EXPECT_GT(store.schemaVersion(), 0);
  EXPECT_TRUE(store.ping());
  EXPECT_EQ(store.unreadyReason(), std::nullopt);
  Connection observer(cluster_->url());
  auto r = observer.exec(
      "SELECT count(*) FILTER (WHERE s.ssl), count(*) FROM pg_stat_activity a JOIN pg_stat_ssl s "
      "USING (pid) WHERE a.datname = 'astro' AND a.pid <> pg_backend_pid()");
  EXPECT_GT(r.int64(0, 1), 0) << "the store keeps connections open";
  EXPECT_EQ(r.int64(0, 0), r.int64(0, 1)) << "every connection of the store uses TLS";
}

TEST_F(PgConnectionTest, SslmodeRequireAgainstAServerWithoutTlsIsRefused) {
  std::string message;
  EXPECT_EQ(kindOf([&] { Connection c(cluster_->url() + "?sslmode=require"); }, &message),
            StoreError::Kind::Unavailable);
  EXPECT_NE(message.find("SSL"), std::string::npos) << message;
}

}  // namespace
}  // namespace astro::store::postgres
