// In-process tests of login, logout, context, organization list/switch, version, completion and
// the command tree (help, aliases, usage errors).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_test_support.h"
#include "client/client_identity.h"

namespace astro::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TEST(CommandTree, NoArgumentsAndGroupsPrintHelp) {
  CliHarness h;
  for (auto args : std::vector<std::vector<std::string>>{
           {}, {"organization"}, {"org", "token"}, {"context"}, {"completion"}}) {
    auto r = h.run(args);
    EXPECT_EQ(r.code, 0);
    EXPECT_THAT(r.out, HasSubstr("Usage:"));
    EXPECT_EQ(r.err, "");
  }
  auto org = h.run({"organization"});
  EXPECT_THAT(org.out, HasSubstr("organization"));
}

TEST(CommandTree, UnknownFlagIsAUsageError) {
  CliHarness h;
  h.loggedIn();
  auto r = h.run({"organization", "token", "update", "--bogus"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, StartsWith("Error: unknown flag: --bogus\n"));
  EXPECT_TRUE(h.api.requests.empty());
}

TEST(CommandTree, VerbosityIsAcceptedAnywhere) {
  CliHarness h;
  EXPECT_EQ(h.run({"--verbosity", "debug", "version"}).code, 0);
  EXPECT_EQ(h.run({"version", "--verbosity", "debug"}).code, 0);
}

// Only the subcommand of organization/workspace the line names is built; the others are stubs
// that must read the same in the group's help. `--` stops CLI11 from taking the next word as a
// subcommand but not the start-up scan, so the help after the usage error comes from a group
// with one subcommand built and the rest stubs.
TEST(CommandTree, SubcommandsTheLineDoesNotNameReadTheSameInGroupHelp) {
  CliHarness h;
  auto org = h.run({"organization", "--help"});
  EXPECT_EQ(org.code, 0);
  EXPECT_THAT(org.out, HasSubstr("\n  user, us, users             "
                                 "Manage users in your Astro Organization\n"));
  EXPECT_THAT(org.out, HasSubstr("\n  role, ro, roles             "
                                 "Manage roles in your Astro Organization\n"));
  auto orgStubs = h.run({"organization", "--", "token"});
  EXPECT_EQ(orgStubs.code, 1);
  EXPECT_EQ(orgStubs.err, "Error: unknown command \"token\"\n" + org.out);

  auto ws = h.run({"workspace", "--help"});
  EXPECT_THAT(ws.out, HasSubstr("\n  create, cr                  Create an Astro Workspace\n"));
  auto wsStubs = h.run({"wo", "--", "te"});
  EXPECT_EQ(wsStubs.code, 1);
  EXPECT_EQ(wsStubs.err, "Error: unknown command \"te\"\n" + ws.out);

  auto list = h.run({"organization", "token", "list", "--help"});
  EXPECT_EQ(list.code, 0);
  EXPECT_THAT(list.out, StartsWith("List all Organization-scoped API tokens."));
  EXPECT_THAT(list.out, HasSubstr("Usage: astro organization token list [OPTIONS] [args...]"));
  EXPECT_THAT(list.out, HasSubstr("-o,--output"));
  EXPECT_EQ(list.err, "");
}

TEST(Version, PrintsTheVersion) {
  CliHarness h;
  auto r = h.run({"version"});
  EXPECT_EQ(r.out, "Astro CLI Version: " + client::cliVersion() + "\n");
}

TEST(Completion, ScriptsCoverTheTree) {
  CliHarness h;
  auto bash = h.run({"completion", "bash"});
  EXPECT_EQ(bash.code, 0);
  EXPECT_THAT(bash.out, HasSubstr("complete -F _astro astro"));
  EXPECT_THAT(bash.out,
              HasSubstr("'astro organization token|up') echo 'astro organization token update'"));
  EXPECT_THAT(bash.out, HasSubstr("--expiration"));
  auto zsh = h.run({"completion", "zsh"});
  EXPECT_THAT(zsh.out, StartsWith("#compdef astro\n"));
  auto fish = h.run({"completion", "fish"});
  EXPECT_THAT(fish.out, HasSubstr("-l clean-output"));
}

TEST(Login, WithoutTokenExplainsHow) {
  CliHarness h;
  auto r = h.run({"login", "127.0.0.1:8888"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "Error: interactive browser login is not available for this server; log in with an API "
            "token: astro login 127.0.0.1:8888 --token-login <token>\n");
}

TEST(Login, ChecksTheTokenThenWritesTheContext) {
  CliHarness h;
  auto r = h.run({"login", "localhost", "-t", "astro_org_X"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Welcome to the Astro CLI 🚀\nLogged in to organization test-org (test-org-id)\n"
            "Successfully authenticated to Astronomer\n");
  EXPECT_EQ(h.api.requests.at(0).url, "http://localhost:8888/v1/organizations?limit=100&offset=0");
  std::string cfg = h.readConfig();
  EXPECT_THAT(cfg, HasSubstr("context: localhost"));
  EXPECT_THAT(cfg, HasSubstr("token: Bearer astro_org_X"));
  EXPECT_THAT(cfg, HasSubstr("organization: test-org-id"));
  EXPECT_EQ(h.run({"organization", "token", "list"}).code, 0);
}

TEST(Login, RejectedTokenWritesNothing) {
  CliHarness h;
  h.api.failures["GET /v1/organizations"] = {401, R"({"message":"API token is invalid"})"};
  auto r = h.run({"login", "localhost", "--token-login", "bad"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "Error: API token is invalid\n");
  EXPECT_EQ(h.readConfig(), "");
}

TEST(Logout, ClearsTokenAndContext) {
  CliHarness h;
  h.loggedIn();
  auto r = h.run({"logout"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Successfully logged out of Astronomer\n");
  EXPECT_THAT(h.readConfig(), Not(HasSubstr("stored-token")));
  EXPECT_EQ(h.run({"organization", "token", "list"}).code, 2);
}

TEST(Context, ListSwitchDelete) {
  CliHarness h;
  h.loggedIn();
  auto list = h.run({"context", "list"});
  EXPECT_EQ(list.out,
            " NAME" + std::string(40, ' ') + "\n localhost" + std::string(35, ' ') + "\n");
  auto sw = h.run({"c", "sw", "example.com"});
  ASSERT_EQ(sw.code, 0) << sw.err;
  EXPECT_EQ(sw.out, " CONTEXT DOMAIN" + std::string(22, ' ') + "WORKSPACE" + std::string(27, ' ') +
                        "\n example.com" + std::string(25, ' ') + std::string(36, ' ') +
                        "\n\n Switched context\n");
  EXPECT_THAT(h.readConfig(), HasSubstr("context: example.com"));
  auto noDomain = h.run({"context", "switch"});
  EXPECT_EQ(noDomain.err, "Error: context config invalid, no domain specified\n");
  auto declined = h.run({"context", "delete", "example.com"}, "n\n");
  EXPECT_EQ(declined.out,
            "Are you sure you want to delete currently used context: example.com (y/n) Canceling "
            "context delete...\n");
  auto del = h.run({"context", "delete", "example.com", "-f"});
  EXPECT_EQ(del.out, "Successfully deleted context: example.com\n");
  EXPECT_THAT(h.readConfig(), Not(HasSubstr("example")));
}

TEST(Organization, ListTableAndJson) {
  CliHarness h;
  h.loggedIn();
  auto r = h.run({"organization", "list"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, " NAME         ID              \n test-org     test-org-id     \n");
  EXPECT_EQ(h.api.requests.size(), 1u);
  auto j = h.run({"org", "ls", "--json"});
  EXPECT_EQ(j.out,
            "{\n  \"organizations\": [\n    {\n      \"name\": \"test-org\",\n      \"id\": "
            "\"test-org-id\",\n      \"isCurrent\": true\n    }\n  ]\n}\n");
}

TEST(Organization, ListErrorIsWrapped) {
  CliHarness h;
  h.loggedIn();
  h.api.failures["GET /v1/organizations"] = {500, R"({"message":"failed to fetch organizations"})"};
  auto r = h.run({"organization", "list"});
  EXPECT_EQ(r.code, 5);
  EXPECT_EQ(r.err,
            "Error: cannot connect to Astronomer. Try to log in with astro login or check your "
            "internet connection and user permissions. If you are using an API Key or Token make "
            "sure your context is correct.\n\nDetailsfailed to fetch organizations\n");
}

class SwitchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h.loggedIn();
    core::Organization other;
    other.id = "clh1rai0g000008l50d5hahbc";
    other.name = "other-org";
    other.product = "";
    h.api.orgs.push_back(other);
  }
  CliHarness h;
};

TEST_F(SwitchTest, ByName) {
  auto r = h.run({"organization", "switch", "other-org"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "\nSuccessfully switched organization\n");
  EXPECT_THAT(h.readConfig(), HasSubstr("organization: clh1rai0g000008l50d5hahbc"));
  EXPECT_THAT(h.readConfig(), HasSubstr("organization_product: HYBRID"));
}

TEST_F(SwitchTest, SameOrganization) {
  auto r = h.run({"organization", "switch", "test-org"});
  EXPECT_EQ(r.out, "You selected the same organization as the current one. No switch was made\n");
}

TEST_F(SwitchTest, BySelectionAndInvalidSelection) {
  auto r = h.run({"organization", "switch"}, "2\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\n> \nSuccessfully switched organization\n"));
  auto bad = h.run({"organization", "switch"}, "3\n");
  EXPECT_EQ(bad.err, "Error: invalid organization selection\n");
}

TEST_F(SwitchTest, ByCuidCallsGetOnly) {
  auto r = h.run({"organization", "switch", "clh1rai0g000008l50d5hahbc"});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(h.api.requests.size(), 1u);
  EXPECT_EQ(h.api.requests[0].url,
            "http://localhost:8888/v1/organizations/clh1rai0g000008l50d5hahbc");
  auto missing = h.run({"organization", "switch", "cxxxxxxxxxxxxxxxxxxxxxxxx"});
  EXPECT_EQ(missing.err, "Error: organization not found\n");
  EXPECT_EQ(missing.code, 3);
}

TEST_F(SwitchTest, UnknownNameAndWorkspace) {
  EXPECT_EQ(h.run({"organization", "switch", "nope"}).err, "Error: invalid organization name\n");
  auto ws = h.run({"organization", "switch", "test-org", "-w", "ws-test-id"});
  EXPECT_EQ(ws.err, "Error: workspace id/name could not be found\n");
  EXPECT_EQ(ws.code, 3);
}

}  // namespace
}  // namespace astro::testing
