// A throwaway PostgreSQL cluster for tests (issue 9): initdb in a fresh temporary directory,
// started with pg_ctl on a free 127.0.0.1 port (its socket in that directory, fsync off: the
// data is thrown away), stopped and removed when the object dies. As root, every server
// command runs as the `postgres` user (PostgreSQL refuses to run as root). Nothing assumes a
// server is already running; the binaries are PostgreSQL's own (/usr/lib/postgresql/N/bin).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace astro::testing {

class PgCluster {
 public:
  struct Options {
    // Serve TLS (ssl=on) with a certificate for 127.0.0.1 signed by a throwaway CA (caFile());
    // plain connections are still accepted, so the client's sslmode decides.
    bool tls = false;
    // A hot standby of this (running) cluster instead of a new one: pg_basebackup -R, then
    // started read-only on a port of its own, streaming from it.
    const PgCluster* standbyOf = nullptr;
  };
  // Starts the cluster and creates the database `astro` owned by the user `astro`; throws
  // std::runtime_error saying what failed (with the server's log) when it cannot.
  PgCluster() : PgCluster(Options{}) {}
  explicit PgCluster(Options options);
  ~PgCluster();  // stops the server (immediate) and removes the directory
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // postgresql://astro@127.0.0.1:PORT/astro
  std::string url() const;
  std::uint16_t port() const { return port_; }
  // pg_ctl restart (fast shutdown): every connection is closed; the data stays.
  void restart();

  // The directory of initdb, pg_ctl and postgres; empty when PostgreSQL is not installed.
  static std::filesystem::path binDir();

  // Leaves the server running and its directory in place when this object dies (the CTest
  // fixture's `start` hands the cluster to the tests this way); `dir()` is what stop() takes.
  void detach() { detached_ = true; }
  const std::filesystem::path& dir() const { return dir_; }
  // With Options::tls: the PEM file of the CA that signed the server's certificate
  // (sslrootcert); also otherCaFile(), a CA that signed nothing this server has.
  std::filesystem::path caFile() const { return dir_ / "tls" / "ca.pem"; }
  std::filesystem::path otherCaFile() const { return dir_ / "tls" / "other-ca.pem"; }
  // Stops the cluster in `dir` (started by a detached PgCluster) and removes the directory.
  static void stop(const std::filesystem::path& dir);
  // pg_ctl restart (fast) of the cluster in `dir`; after haltAt, starts it again.
  static void restartAt(const std::filesystem::path& dir);
  // pg_ctl stop (fast) of the cluster in `dir`, leaving its data (restartAt starts it again).
  static void haltAt(const std::filesystem::path& dir);

 private:
  void run(const std::string& what, const std::string& command) const;
  // Makes the CA, the other CA and the server's key and certificate in dir_/tls.
  void makeCertificates() const;
  std::string serverLog() const;
  std::filesystem::path dir_;
  std::filesystem::path bin_;
  std::uint16_t port_ = 0;
  bool started_ = false;
  bool detached_ = false;
};

// The cluster of this test run: the one the CTest fixture `pg_cluster` started (the environment
// variable ASTRO_TEST_PG_STATE names its state file: the cluster's URL on the first line), else
// one started for this process on first use and stopped when the process exits. Tests that
// restart or stop the server start their own PgCluster instead: others share this one.
std::string sharedPgUrl();

// A new, empty database on the shared cluster under a name no other test uses; its URL.
std::string createTestDatabase();
// Drops a database createTestDatabase made (its connections are closed first).
void dropTestDatabase(const std::string& url);

}  // namespace astro::testing
