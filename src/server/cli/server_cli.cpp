#include "server/cli/server_cli.h"

#include <CLI/CLI.hpp>

#include <charconv>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <vector>

#include "core/tokens/token_codec.h"
#include "server/cli/audit_command.h"
#include "server/cli/open_store.h"
#include "server/http/server_settings.h"
#include "server/logging/logging.h"
#include "server/logging/store_failure_log.h"
#include "server/server.h"
#include "service/clock.h"
#include "service/services.h"
#include "store/db_copy.h"
#include "store/sqlite/backup.h"

#ifndef ASTRO_VERSION
#define ASTRO_VERSION "0.0.0"
#endif

namespace astro::server::cli {

std::optional<ListenAddress> parseListenAddress(std::string_view value) {
  ListenAddress out;
  std::string_view portText;
  if (!value.empty() && value.front() == '[') {
    auto close = value.find(']');
    if (close == std::string_view::npos || close + 1 >= value.size() || value[close + 1] != ':')
      return std::nullopt;
    out.host = std::string(value.substr(1, close - 1));
    portText = value.substr(close + 2);
  } else {
    auto colon = value.rfind(':');
    if (colon == std::string_view::npos || value.find(':') != colon) return std::nullopt;
    out.host = std::string(value.substr(0, colon));
    portText = value.substr(colon + 1);
  }
  if (out.host.empty() || portText.empty()) return std::nullopt;
  if (out.host == "localhost") out.host = "127.0.0.1";
  unsigned port = 0;
  auto [end, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
  if (ec != std::errc() || end != portText.data() + portText.size() || port > 65535)
    return std::nullopt;
  out.port = static_cast<std::uint16_t>(port);
  return out;
}

namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8888";
  std::string db = "./astro.db";
  unsigned threads = 0;
  unsigned workerThreads = 8;
  std::size_t authCacheEntries = service::ServiceSettings{}.authCacheEntries;
  std::size_t maxBodyBytes = 1048576;
  std::size_t maxHeaderBytes = 16384;
  long readTimeoutMs = 30000;
  long idleTimeoutMs = 60000;
  std::size_t maxConnections = 1024;
  std::size_t maxConnectionsPerAddress = 256;
  unsigned rateLimitPerAddress = 500;
  unsigned rateLimitPerCredential = 100;
  std::string tokenPrefix;
  std::string logLevel = "info";
  std::string logFormat = "text";
  std::string tlsCert;
  std::string tlsKey;
  std::string readCaches = "on";
  bool create = false;
  int dbPoolSize = 8;
  int changePollIntervalMs = 250;
  long lastUsedFlushIntervalMs = 10000;
};

struct InitOptions {
  std::string org;
  std::string ownerEmail;
  std::string db = "./astro.db";
  bool cleanOutput = false;
  std::string tokenPrefix;
};

int fail(const std::string& message) {
  std::cerr << "Error: " << message << std::endl;
  return 1;
}

// On SQLite, `astro-server serve` is the only writer of its database: the service layer caches
// what it read until its own next write (Store::generation), which is only sound when no other
// process changes the data behind it. A second server on the same file is refused by an exclusive
// flock on the database file itself (SqliteOptions::exclusive: the file, not its name, so a hard
// or symbolic link meets the same lock; released by the kernel when the process ends, however it
// ends). `astro-server init`, `backup` and read-only tools such as `sqlite3` do not take it.
// On PostgreSQL, several servers (replicas) share the database: nothing is locked, and the store
// tells the caches that it cannot vouch for what they hold (PostgresStore::generation).

int serve(const ServeOptions& o) {
  auto level = logging::parseLevel(o.logLevel);
  if (!level)
    return fail("invalid --log-level \"" + o.logLevel +
                "\": use trace, debug, info, warn, error, critical or off");
  auto listen = parseListenAddress(o.listen);
  if (!listen)
    return fail("invalid --listen \"" + o.listen +
                "\": expected HOST:PORT, e.g. 127.0.0.1:8888 or [::1]:8888");
  if (!o.tokenPrefix.empty() && !core::isValidInstanceTag(o.tokenPrefix))
    return fail("invalid --token-prefix \"" + o.tokenPrefix + "\": use 1-16 of [a-z0-9]");

  ServerSettings settings;
  settings.host = listen->host;
  settings.port = listen->port;
  settings.threads = o.threads;
  settings.workerThreads = o.workerThreads;
  settings.maxBodyBytes = o.maxBodyBytes;
  settings.maxHeaderBytes = o.maxHeaderBytes;
  settings.readTimeout = std::chrono::milliseconds(o.readTimeoutMs);
  settings.writeTimeout = std::chrono::milliseconds(o.readTimeoutMs);
  settings.idleTimeout = std::chrono::milliseconds(o.idleTimeoutMs);
  settings.maxConnections = o.maxConnections;
  settings.maxConnectionsPerAddress = o.maxConnectionsPerAddress;
  if (o.tlsCert.empty() != o.tlsKey.empty())
    return fail("--tls-cert and --tls-key go together: give both, or neither for plain HTTP");
  settings.tlsCertFile = o.tlsCert;
  settings.tlsKeyFile = o.tlsKey;
  // A rate N allows bursts of 2N after a quiet period; 0 turns the limit off.
  settings.perAddress = {static_cast<double>(o.rateLimitPerAddress), 2.0 * o.rateLimitPerAddress};
  settings.perCredential = {static_cast<double>(o.rateLimitPerCredential),
                            2.0 * o.rateLimitPerCredential};

  logging::init(*level, o.logFormat == "json" ? logging::Format::Json : logging::Format::Text);
  std::string error;
  logging::StoreFailureLog failureLog;
  auto opened = openStore(o.db,
                          {.create = o.create,
                           .exclusive = true,
                           .poolSize = o.dbPoolSize,
                           .changePollIntervalMs = o.changePollIntervalMs,
                           .observer = &failureLog},
                          error);
  if (!opened.store) return fail(error);
  store::Store* store = opened.store.get();
  service::SystemClock clock;
  service::ServiceSettings serviceSettings;
  serviceSettings.tokenInstancePrefix = o.tokenPrefix;
  serviceSettings.lastUsedFlushInterval = std::chrono::milliseconds(o.lastUsedFlushIntervalMs);
  serviceSettings.authCacheEntries = o.authCacheEntries;
  if (o.readCaches == "off") {
    serviceSettings.authCacheEntries = 0;
    serviceSettings.tokenCacheEntries = 0;
    serviceSettings.tokenPageCacheEntries = 0;
  }
  service::Services services(*store, clock, service::osRandomBytes(), serviceSettings);
  Server server(settings, services, *store);
  if (auto r = server.start(); !r.ok()) return fail(r.error().message);
  logging::info(
      "astro-server " ASTRO_VERSION " listening on " +
      std::string(o.tlsCert.empty() ? "http://" : "https://") + server.listenAddress() +
      " db=" + describeDb(o.db) + " schema_version=" + std::to_string(opened.schemaVersion) +
      " io_threads=" + std::to_string(server.ioThreads()) +
      " worker_threads=" + std::to_string(server.workerThreads()) + " read_caches=" + o.readCaches);
  server.wait();
  logging::info("astro-server stopped");
  return 0;
}

int init(const InitOptions& o) {
  if (!o.tokenPrefix.empty() && !core::isValidInstanceTag(o.tokenPrefix))
    return fail("invalid --token-prefix \"" + o.tokenPrefix + "\": use 1-16 of [a-z0-9]");
  std::string error;
  auto opened = openStore(o.db, {.create = true, .poolSize = 2}, error);
  if (!opened.store) return fail(error);
  store::Store* store = opened.store.get();
  service::SystemClock clock;
  service::ServiceSettings serviceSettings;
  serviceSettings.tokenInstancePrefix = o.tokenPrefix;
  service::Services services(*store, clock, service::osRandomBytes(), serviceSettings);
  auto result = services.organizations.init(o.org, o.ownerEmail);
  if (!result.ok()) return fail(result.error().message);
  const auto& r = *result;
  if (!r.created) {
    if (!o.cleanOutput)
      std::cout << "Already initialized: organization \"" << r.organization.name << "\" (ID "
                << r.organization.id << "). Nothing changed.\n";
    return 0;
  }
  if (o.cleanOutput) {
    std::cout << r.tokenValue << "\n";
    return 0;
  }
  std::cout << "Initialized organization \"" << r.organization.name << "\" (ID "
            << r.organization.id << ")\n"
            << "Owner user: " << r.ownerEmail << " (ID " << r.ownerUserId << ")\n"
            << "Owner API token \"Initial owner token\" (ID " << r.tokenId
            << "). It is shown only once; store it now:\n\n"
            << r.tokenValue << "\n";
  return 0;
}

struct BackupOptions {
  std::string db = "./astro.db";
  std::string to;
  bool force = false;
};

int backup(const BackupOptions& o) {
  if (isPostgresDb(o.db))
    return fail(
        "backup copies a SQLite database; back PostgreSQL up with its own tools "
        "(pg_dump, or the server's continuous archiving)");
  try {
    auto r = store::sqlite::backupDatabase(o.db, o.to, o.force);
    std::cout << "Backed up " << o.db << " to " << o.to << " (" << r.pages
              << " pages, schema version " << r.schemaVersion << ", integrity_check ok)\n";
    return 0;
  } catch (const std::exception& e) {
    return fail("backup of " + o.db + " failed: " + e.what());
  }
}

struct DbCopyOptions {
  std::string from;
  std::string to;
};

int dbCopy(const DbCopyOptions& o) {
  std::string from = o.from;
  if (from.starts_with("sqlite:")) from = from.substr(7);
  if (isPostgresDb(from))
    return fail("--from must be a SQLite file (sqlite:PATH or PATH): " + describeDb(from));
  if (!isPostgresDb(o.to))
    return fail("--to must be a PostgreSQL URL (postgresql://USER@HOST/DB): " + o.to);
  try {
    auto r = store::copySqliteToPostgres(from, o.to);
    std::size_t width = 0;
    std::int64_t rows = 0;
    for (const auto& t : r.tables) width = std::max(width, t.table.size());
    std::cout << "Copied " << from << " to " << describeDb(o.to) << " (schema version "
              << r.schemaVersion << "):\n";
    for (const auto& t : r.tables) {
      rows += t.rows;
      std::cout << "  " << t.table << std::string(width - t.table.size() + 2, ' ') << t.rows
                << (t.rows == 1 ? " row, " : " rows, ") << "sha256 " << t.sha256 << "\n";
    }
    std::cout << "Row counts and checksums match in all " << r.tables.size() << " tables (" << rows
              << " rows). Serve it with: astro-server serve --db URL\n";
    return 0;
  } catch (const store::StoreError& e) {
    return fail("db copy from " + from + " to " + describeDb(o.to) + " failed: " + e.what());
  } catch (const std::exception& e) {
    return fail("db copy from " + from + " to " + describeDb(o.to) + " failed: " + e.what());
  }
}

// `astro-server [flags]` means `astro-server serve [flags]`.
std::vector<std::string> withDefaultSubcommand(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  bool topLevel =
      !args.empty() &&
      (args[0] == "--help" || args[0] == "-h" || args[0] == "--version" || args[0] == "serve" ||
       args[0] == "init" || args[0] == "backup" || args[0] == "audit" || args[0] == "db");
  if (!topLevel && (args.empty() || args[0].starts_with("-"))) args.insert(args.begin(), "serve");
  return args;
}

}  // namespace

int run(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"astro-server: the Astro-API-compatible control plane for organization API tokens",
               "astro-server"};
  app.set_version_flag("--version", std::string("astro-server ") + ASTRO_VERSION);
  app.require_subcommand(1, 1);

  ServeOptions so;
  auto* serveCmd = app.add_subcommand("serve", "Run the API server (the default)");
  serveCmd->add_option("--listen", so.listen, "Address to listen on, HOST:PORT")
      ->envname("ASTRO_SERVER_LISTEN")
      ->capture_default_str();
  serveCmd->add_option("--db", so.db, kDbHelp)->envname("ASTRO_SERVER_DB")->capture_default_str();
  serveCmd->add_flag("--create", so.create,
                     "Create an empty database when --db does not exist, or give an empty "
                     "PostgreSQL database the schema (init makes one with an organization)");
  serveCmd
      ->add_option("--db-pool-size", so.dbPoolSize,
                   "PostgreSQL: connections this server keeps at most (requests beyond it wait)")
      ->envname("ASTRO_SERVER_DB_POOL_SIZE")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  serveCmd
      ->add_option("--change-poll-interval-ms", so.changePollIntervalMs,
                   "PostgreSQL: how often to read the other replicas' changes when no "
                   "notification came (they are read at once on each notification)")
      ->envname("ASTRO_SERVER_CHANGE_POLL_INTERVAL_MS")
      ->check(CLI::Range(10, 60000))
      ->capture_default_str();
  serveCmd
      ->add_option("--last-used-flush-interval-ms", so.lastUsedFlushIntervalMs,
                   "How often the tokens' lastUsedAt kept in memory are written, in one batch "
                   "(also on a graceful stop; 0: on the request, as each is used)")
      ->envname("ASTRO_SERVER_LAST_USED_FLUSH_INTERVAL_MS")
      ->check(CLI::Range(0L, 60000L))
      ->capture_default_str();
  serveCmd
      ->add_option("--read-caches", so.readCaches,
                   "Reuse what was read until the next write (on), or read every time (off)")
      ->envname("ASTRO_SERVER_READ_CACHES")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();
  serveCmd
      ->add_option("--auth-cache-entries", so.authCacheEntries,
                   "Authenticated tokens kept in memory (per CPU, up to 4 copies); twice the "
                   "number of tokens in use keeps nearly all cached")
      ->envname("ASTRO_SERVER_AUTH_CACHE_ENTRIES")
      ->check(CLI::Range(std::size_t{0}, std::size_t{16777216}))
      ->capture_default_str();
  serveCmd->add_option("--threads", so.threads, "I/O threads (0: one per hardware core)")
      ->envname("ASTRO_SERVER_THREADS")
      ->check(CLI::Range(0u, 1024u))
      ->capture_default_str();
  serveCmd
      ->add_option("--worker-threads", so.workerThreads,
                   "Threads that run request handlers and wait on the database (PostgreSQL: "
                   "more than --db-pool-size only wait for a connection)")
      ->envname("ASTRO_SERVER_WORKER_THREADS")
      ->check(CLI::Range(1u, 1024u))
      ->capture_default_str();
  serveCmd->add_option("--max-body-bytes", so.maxBodyBytes, "Largest request body (413 above)")
      ->envname("ASTRO_SERVER_MAX_BODY_BYTES")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30))
      ->capture_default_str();
  serveCmd
      ->add_option("--max-header-bytes", so.maxHeaderBytes,
                   "Largest request line and headers (431 above)")
      ->envname("ASTRO_SERVER_MAX_HEADER_BYTES")
      ->check(CLI::Range(std::size_t{256}, std::size_t{1} << 20))
      ->capture_default_str();
  serveCmd
      ->add_option("--read-timeout-ms", so.readTimeoutMs,
                   "Time allowed to read (and write) one request")
      ->envname("ASTRO_SERVER_READ_TIMEOUT_MS")
      ->check(CLI::Range(1L, 3600000L))
      ->capture_default_str();
  serveCmd
      ->add_option("--idle-timeout-ms", so.idleTimeoutMs,
                   "How long a keep-alive connection may wait for its next request")
      ->envname("ASTRO_SERVER_IDLE_TIMEOUT_MS")
      ->check(CLI::Range(1L, 3600000L))
      ->capture_default_str();
  serveCmd
      ->add_option("--max-connections", so.maxConnections, "Open connections at most (503 above)")
      ->envname("ASTRO_SERVER_MAX_CONNECTIONS")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
      ->capture_default_str();
  serveCmd
      ->add_option(
          "--max-connections-per-address", so.maxConnectionsPerAddress,
          "Open connections from one address (IPv6: one /64) at most (503 above; 0: no cap)")
      ->envname("ASTRO_SERVER_MAX_CONNECTIONS_PER_ADDRESS")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 20))
      ->capture_default_str();
  serveCmd
      ->add_option("--rate-limit-per-address", so.rateLimitPerAddress,
                   "Requests per second from one address, bursts of twice that (429 above; 0: off)")
      ->envname("ASTRO_SERVER_RATE_LIMIT_PER_ADDRESS")
      ->check(CLI::Range(0u, 100000000u))
      ->capture_default_str();
  serveCmd
      ->add_option(
          "--rate-limit-per-credential", so.rateLimitPerCredential,
          "Requests per second with one credential, bursts of twice that (429 above; 0: off)")
      ->envname("ASTRO_SERVER_RATE_LIMIT_PER_CREDENTIAL")
      ->check(CLI::Range(0u, 100000000u))
      ->capture_default_str();
  serveCmd
      ->add_option("--token-prefix", so.tokenPrefix,
                   "Instance tag placed in issued token values ([a-z0-9]{1,16})")
      ->envname("ASTRO_SERVER_TOKEN_PREFIX");
  serveCmd->add_option("--log-level", so.logLevel, "trace|debug|info|warn|error|critical|off")
      ->envname("ASTRO_SERVER_LOG_LEVEL")
      ->capture_default_str();
  serveCmd
      ->add_option("--tls-cert", so.tlsCert,
                   "PEM certificate (chain) to serve HTTPS with (TLS 1.2+); SIGHUP reloads it")
      ->envname("ASTRO_SERVER_TLS_CERT");
  serveCmd->add_option("--tls-key", so.tlsKey, "PEM private key of --tls-cert")
      ->envname("ASTRO_SERVER_TLS_KEY");
  serveCmd
      ->add_option("--log-format", so.logFormat,
                   "text (key=value) or json (one object per line, for log collectors)")
      ->envname("ASTRO_SERVER_LOG_FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  InitOptions io;
  auto* initCmd = app.add_subcommand(
      "init", "Create the database, the organization, its OWNER user and a first API token");
  initCmd->add_option("--org", io.org, "Organization name")->required();
  initCmd->add_option("--owner-email", io.ownerEmail, "E-mail of the first OWNER user")->required();
  initCmd->add_option("--db", io.db, kDbHelp)->envname("ASTRO_SERVER_DB")->capture_default_str();
  initCmd->add_flag("--clean-output,-c", io.cleanOutput, "Print only the token value");
  initCmd
      ->add_option("--token-prefix", io.tokenPrefix,
                   "Instance tag placed in issued token values ([a-z0-9]{1,16})")
      ->envname("ASTRO_SERVER_TOKEN_PREFIX");

  AuditVerifyOptions auditOptions;
  auto* auditVerifyCmd = addAuditCommand(app, auditOptions);

  BackupOptions bo;
  auto* backupCmd = app.add_subcommand(
      "backup",
      "Copy the database consistently, also while it is being served (SQLite online backup)");
  backupCmd->add_option("--db", bo.db, "SQLite database file")
      ->envname("ASTRO_SERVER_DB")
      ->capture_default_str();
  backupCmd->add_option("--to", bo.to, "The copy to write (mode 0600)")->required();
  backupCmd->add_flag("--force", bo.force, "Replace --to when it exists");

  DbCopyOptions dco;
  auto* dbCmd = app.add_subcommand("db", "Move an installation between databases");
  dbCmd->require_subcommand(1, 1);
  auto* dbCopyCmd = dbCmd->add_subcommand(
      "copy",
      "Copy every table of a SQLite installation into an empty PostgreSQL database, and check "
      "row counts and a checksum per table before committing (stop the server first: writes "
      "made after the copy began are not copied)");
  dbCopyCmd->add_option("--from", dco.from, "The SQLite file: sqlite:PATH or PATH")->required();
  dbCopyCmd->add_option("--to", dco.to, "The PostgreSQL database: postgresql://USER@HOST/DB")
      ->required();

  auto args = withDefaultSubcommand(argc, argv);
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments in reverse order
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return fail(e.what());
  }
  if (serveCmd->parsed()) return serve(so);
  if (auditVerifyCmd->parsed()) return runAuditVerify(auditOptions, std::cout, std::cerr);
  if (backupCmd->parsed()) return backup(bo);
  if (dbCopyCmd->parsed()) return dbCopy(dco);
  return init(io);
}

}  // namespace astro::server::cli
