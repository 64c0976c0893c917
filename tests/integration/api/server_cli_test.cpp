// astro-server's command line, run in-process: init output, --version, bad flag values.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "server/cli/server_cli.h"

namespace astro::test {

namespace {
struct CliRun {
  int status = 0;
  std::string out, err;
};

CliRun runCli(std::vector<std::string> args) {
  args.insert(args.begin(), "astro-server");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream out, err;
  auto* oldOut = std::cout.rdbuf(out.rdbuf());
  auto* oldErr = std::cerr.rdbuf(err.rdbuf());
  CliRun r;
  r.status = server::cli::run(static_cast<int>(argv.size()), argv.data());
  std::cout.rdbuf(oldOut);
  std::cerr.rdbuf(oldErr);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::filesystem::path tempDb() {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() / ("astro-cli-test-" + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  return dir / "astro.db";
}
}  // namespace

TEST(ServerCli, ParsesListenAddresses) {
  using server::cli::parseListenAddress;
  auto a = parseListenAddress("127.0.0.1:8888");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 8888);
  a = parseListenAddress("[::1]:9000");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "::1");
  EXPECT_EQ(a->port, 9000);
  a = parseListenAddress("localhost:0");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 0);
  for (auto bad : {"nonsense", "127.0.0.1", ":8888", "127.0.0.1:", "127.0.0.1:99999",
                   "127.0.0.1:80a", "::1:8888", "[::1]8888", "[::1]:"})
    EXPECT_FALSE(parseListenAddress(bad)) << bad;
}

TEST(ServerCli, VersionPrintsTheBuildVersion) {
  auto r = runCli({"--version"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, std::string("astro-server ") + ASTRO_VERSION + "\n");
}

TEST(ServerCli, BadFlagValuesExit1WithOneLine) {
  auto r = runCli({"serve", "--listen", "nonsense"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("Error: invalid --listen \"nonsense\"", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);

  r = runCli({"--threads", "many"});  // no subcommand: serve
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("Error: ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);

  r = runCli({"serve", "--log-level", "loud"});
  EXPECT_EQ(r.status, 1);
  r = runCli({"serve", "--token-prefix", "Not_Valid"});
  EXPECT_EQ(r.status, 1);
  r = runCli({"serve", "--no-such-flag"});
  EXPECT_EQ(r.status, 1);
  r = runCli({"serve", "--read-caches", "maybe"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "Error: --read-caches: maybe not in {on,off}\n");
}

TEST(ServerCli, ServeFailsClearlyWhenTheAddressCannotBeUsed) {
  auto db = tempDb();
  auto r = runCli(
      {"serve", "--listen", "256.1.1.1:0", "--db", db.string(), "--create", "--log-level", "off"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("Error: cannot listen on 256.1.1.1:0", 0), 0u) << r.err;
  std::filesystem::remove_all(db.parent_path());
}

TEST(ServerCli, InitPrintsTheTokenOnceThenNothingChanges) {
  auto db = tempDb();
  auto r =
      runCli({"init", "--org", "Acme", "--owner-email", "owner@example.com", "--db", db.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  std::istringstream lines(r.out);
  std::string l1, l2, l3, blank, token, extra;
  std::getline(lines, l1);
  std::getline(lines, l2);
  std::getline(lines, l3);
  std::getline(lines, blank);
  std::getline(lines, token);
  EXPECT_EQ(l1.rfind("Initialized organization \"Acme\" (ID c", 0), 0u) << l1;
  EXPECT_EQ(l2.rfind("Owner user: owner@example.com (ID c", 0), 0u) << l2;
  EXPECT_EQ(l3.rfind("Owner API token \"Initial owner token\" (ID c", 0), 0u) << l3;
  EXPECT_NE(l3.find("). It is shown only once; store it now:"), std::string::npos) << l3;
  EXPECT_EQ(blank, "");
  EXPECT_EQ(token.rfind("astro_org_", 0), 0u) << token;
  EXPECT_FALSE(std::getline(lines, extra));

  r = runCli({"init", "--org", "Acme", "--owner-email", "owner@example.com", "--db", db.string()});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("Already initialized: organization \"Acme\" (ID c", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(". Nothing changed.\n"), std::string::npos);

  r = runCli({"init", "--org", "Acme", "--owner-email", "owner@example.com", "--db", db.string(),
              "--clean-output"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "");
  std::filesystem::remove_all(db.parent_path());
}

TEST(ServerCli, InitCleanOutputPrintsOnlyTheToken) {
  auto db = tempDb();
  auto r = runCli(
      {"init", "--org", "Acme", "--owner-email", "owner@example.com", "--db", db.string(), "-c"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("astro_org_", 0), 0u);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1);
  EXPECT_EQ(r.out.back(), '\n');
  std::filesystem::remove_all(db.parent_path());
}

TEST(ServerCli, InitRejectsBadInput) {
  auto db = tempDb();
  auto r = runCli({"init", "--org", "", "--owner-email", "owner@example.com", "--db", db.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("Error: ", 0), 0u);
  r = runCli({"init", "--org", "Acme", "--owner-email", "not-an-email", "--db", db.string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("Error: ", 0), 0u);
  r = runCli({"init", "--org", "Acme"});
  EXPECT_EQ(r.status, 1);
  std::filesystem::remove_all(db.parent_path());
}

}  // namespace astro::test
