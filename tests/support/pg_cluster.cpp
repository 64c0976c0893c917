#include "support/pg_cluster.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libpq-fe.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace astro::testing {
namespace {

// A port the kernel just handed out on 127.0.0.1 (closed again: the server binds it next).
std::uint16_t freeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket: cannot pick a free port");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("bind: cannot pick a free port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

// `s` quoted for /bin/sh.
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::filesystem::path PgCluster::binDir() {
  std::error_code ec;
  std::filesystem::path best;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    const auto bin = entry.path() / "bin";
    if (std::filesystem::exists(bin / "initdb", ec) && (best.empty() || bin > best)) best = bin;
  }
  return best;
}

PgCluster::PgCluster(Options options) : bin_(binDir()) {
  if (bin_.empty())
    throw std::runtime_error(
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
        "scripts/deps.sh installs it");
  char tmpl[] = "/tmp/astro-pg-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  if (::geteuid() == 0 && ::system(("chown postgres: " + quoted(dir_.string())).c_str()) != 0)
    throw std::runtime_error("cannot give " + dir_.string() + " to the postgres user");
  if (options.standbyOf != nullptr) {
    // -R writes standby.signal and the primary's conninfo: it starts as a standby of it.
    run("pg_basebackup", quoted((bin_ / "pg_basebackup").string()) + " -D " +
                             quoted((dir_ / "data").string()) + " -h 127.0.0.1 -p " +
                             std::to_string(options.standbyOf->port()) +
                             " -U astro -R -X stream -c fast --no-sync");
  } else {
    run("initdb", quoted((bin_ / "initdb").string()) + " -D " + quoted((dir_ / "data").string()) +
                      " -U astro -A trust --no-sync -E UTF8 --locale=C.UTF-8");
  }
  std::string settings = "-c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off";
  if (options.tls) {
    makeCertificates();
    const auto tls = dir_ / "tls";
    settings += " -c ssl=on -c ssl_cert_file=" + (tls / "server.pem").string() +
                " -c ssl_key_file=" + (tls / "server.key").string();
  }
  port_ = freeLoopbackPort();
  run("pg_ctl start",
      quoted((bin_ / "pg_ctl").string()) + " -D " + quoted((dir_ / "data").string()) + " -l " +
          quoted((dir_ / "server.log").string()) + " -w -t 60 -o " +
          quoted("-p " + std::to_string(port_) + " -k " + dir_.string() + " " + settings) +
          " start");
  started_ = true;
  if (options.standbyOf != nullptr) return;  // its databases are the primary's
  run("createdb", quoted((bin_ / "createdb").string()) + " -h 127.0.0.1 -p " +
                      std::to_string(port_) + " -U astro astro");
}

PgCluster::~PgCluster() {
  if (detached_) return;
  if (started_) {
    try {
      run("pg_ctl stop", quoted((bin_ / "pg_ctl").string()) + " -D " +
                             quoted((dir_ / "data").string()) + " -m immediate -w stop");
    } catch (...) {
      // Nothing better to do in a destructor; the directory goes anyway.
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

namespace {

// Runs pg_ctl on the cluster in `dir` (as the postgres user when root); its exit status.
int pgCtl(const std::filesystem::path& dir, const std::string& args) {
  const std::string command = quoted((PgCluster::binDir() / "pg_ctl").string()) + " -D " +
                              quoted((dir / "data").string()) + " " + args;
  const std::string line =
      (::geteuid() == 0 ? "runuser -u postgres -- /bin/sh -c " + quoted(command) : command) +
      " >/dev/null 2>&1";
  return ::system(line.c_str());
}

}  // namespace

void PgCluster::stop(const std::filesystem::path& dir) {
  const int rc = pgCtl(dir, "-m immediate -w stop");
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (rc != 0) throw std::runtime_error("pg_ctl stop failed for " + dir.string());
}

void PgCluster::restartAt(const std::filesystem::path& dir) {
  if (pgCtl(dir, "-m fast -w -t 60 restart") != 0)
    throw std::runtime_error("pg_ctl restart failed for " + dir.string());
}

void PgCluster::makeCertificates() const {
  // Run as whoever runs the server (the postgres user when root): the key must be its own and
  // private (PostgreSQL refuses a key others can read). EC P-256 keys: quick to make.
  const std::string t = quoted((dir_ / "tls").string());
  const std::string key = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  run("openssl (test certificates)",
      "set -e; umask 077; mkdir -p " + t + "; cd " + t + "; openssl req -x509" + key +
          " -keyout ca.key -out ca.pem -days 2 -subj '/CN=astro test CA' 2>/dev/null"
          "; openssl req -x509" +
          key +
          " -keyout other-ca.key -out other-ca.pem -days 2 -subj '/CN=astro other CA' 2>/dev/null"
          "; openssl req" +
          key +
          " -keyout server.key -out server.csr -subj '/CN=127.0.0.1' 2>/dev/null"
          "; printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext"
          "; openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial"
          " -days 2 -extfile san.ext -out server.pem 2>/dev/null"
          "; chmod 644 ca.pem other-ca.pem; chmod 755 .");
}

void PgCluster::haltAt(const std::filesystem::path& dir) {
  if (pgCtl(dir, "-m fast -w -t 60 stop") != 0)
    throw std::runtime_error("pg_ctl stop failed for " + dir.string());
}

std::string PgCluster::url() const {
  return "postgresql://astro@127.0.0.1:" + std::to_string(port_) + "/astro";
}

void PgCluster::restart() {
  run("pg_ctl restart", quoted((bin_ / "pg_ctl").string()) + " -D " +
                            quoted((dir_ / "data").string()) + " -m fast -w -t 60 restart");
}

void PgCluster::run(const std::string& what, const std::string& command) const {
  // As root: the postgres user's shell runs it (initdb and postgres refuse root).
  const std::string line =
      (::geteuid() == 0 ? "runuser -u postgres -- /bin/sh -c " + quoted(command) : command) +
      " >>" + quoted((dir_ / "commands.log").string()) + " 2>&1";
  if (::system(line.c_str()) != 0) {
    std::string log;
    std::ifstream in(dir_ / "commands.log");
    std::stringstream ss;
    ss << in.rdbuf();
    throw std::runtime_error(what + " failed: " + ss.str() + serverLog());
  }
}

std::string PgCluster::serverLog() const {
  std::ifstream in(dir_ / "server.log");
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  return "\nserver log:\n" + ss.str();
}

namespace {

// Runs one statement on the cluster's maintenance connection; throws saying why it failed.
void adminExec(const std::string& sql) {
  PGconn* conn = PQconnectdb(sharedPgUrl().c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string why = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot connect to the test cluster: " + why);
  }
  PGresult* r = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  const std::string why = ok ? "" : PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(sql + ": " + why);
}

}  // namespace

std::string sharedPgUrl() {
  static const std::string url = [] {
    if (const char* state = std::getenv("ASTRO_TEST_PG_STATE"); state != nullptr && *state) {
      std::ifstream in(state);
      std::string line;
      if (std::getline(in, line) && !line.empty()) return line;
      throw std::runtime_error(std::string("ASTRO_TEST_PG_STATE names ") + state +
                               ", which holds no cluster URL (did the pg_cluster.start test run?)");
    }
    static PgCluster own;  // this process's: stopped when it exits
    return own.url();
  }();
  return url;
}

std::string createTestDatabase() {
  static std::atomic<int> counter{0};
  std::string name(1, 't');  // (appended: GCC 12 warns falsely on "t" + std::to_string)
  name.append(std::to_string(::getpid())).append("_").append(std::to_string(counter.fetch_add(1)));
  adminExec("CREATE DATABASE " + name + " OWNER astro");
  const std::string base = sharedPgUrl();
  return base.substr(0, base.rfind('/') + 1) + name;
}

void dropTestDatabase(const std::string& url) {
  const std::string name = url.substr(url.rfind('/') + 1);
  adminExec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

}  // namespace astro::testing
