// The throwaway PostgreSQL cluster the PostgreSQL suites will run on (tests/support/pg_cluster.h):
// it starts from nothing on a free loopback port, answers libpq, survives a restart (which ends
// every connection), and leaves nothing behind.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <memory>
#include <string>

#include "support/pg_cluster.h"

namespace astro::testing {
namespace {

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;

Connection connect(const std::string& url) {
  return Connection(PQconnectdb(url.c_str()), &PQfinish);
}

// The single value of `sql`, or the error text.
std::string value(PGconn* conn, const char* sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn, sql), &PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
    return std::string("error: ") + PQerrorMessage(conn);
  return PQgetvalue(r.get(), 0, 0);
}

TEST(PgClusterTest, StartsAnswersSurvivesARestartAndLeavesNothingBehind) {
  std::string url;
  {
    PgCluster cluster;
    url = cluster.url();
    EXPECT_EQ(url.rfind("postgresql://astro@127.0.0.1:", 0), 0u) << url;
    auto conn = connect(url);
    ASSERT_EQ(PQstatus(conn.get()), CONNECTION_OK) << PQerrorMessage(conn.get());
    EXPECT_EQ(value(conn.get(), "SELECT current_database() || ' ' || current_user"), "astro astro");
    EXPECT_EQ(value(conn.get(), "SHOW fsync"), "off");

    cluster.restart();
    EXPECT_NE(value(conn.get(), "SELECT 1").rfind("error: ", 0), std::string::npos)
        << "a restart ends every connection";
    auto again = connect(url);
    ASSERT_EQ(PQstatus(again.get()), CONNECTION_OK) << PQerrorMessage(again.get());
    EXPECT_EQ(value(again.get(), "SELECT 1"), "1");
  }
  auto gone = connect(url);
  EXPECT_NE(PQstatus(gone.get()), CONNECTION_OK) << "the server stopped with the cluster";
}

}  // namespace
}  // namespace astro::testing
