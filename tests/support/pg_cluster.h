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
  // Starts the cluster and creates the database `astro` owned by the user `astro`; throws
  // std::runtime_error saying what failed (with the server's log) when it cannot.
  PgCluster();
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

 private:
  void run(const std::string& what, const std::string& command) const;
  std::string serverLog() const;
  std::filesystem::path dir_;
  std::filesystem::path bin_;
  std::uint16_t port_ = 0;
  bool started_ = false;
};

}  // namespace astro::testing
