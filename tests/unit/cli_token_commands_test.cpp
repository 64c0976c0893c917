// In-process tests of `astro organization token …` against a fake transport: the acceptance
// cases of reference §11.1 plus product.md's departures.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_test_support.h"
#include "core/roles/roles.h"

namespace astro::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string kListFail = R"({"message":"failed to list tokens"})";
const std::string kGetFail = R"({"message":"failed to get token"})";
const std::string kUpdateFail = R"({"message":"failed to update token"})";
const std::string kTokens = "/v1/organizations/test-org-id/tokens";
const std::string kRoleError =
    std::string("Error: ") + std::string(core::kInvalidOrgRoleMessage) + "\n";

// One table line with hand-computed column widths.
std::string row(const std::vector<std::string>& cells, const std::vector<std::size_t>& widths) {
  std::string s = " ";
  for (std::size_t i = 0; i < cells.size(); ++i)
    s += cells[i] + std::string(widths[i] - cells[i].size(), ' ');
  return s + "\n";
}

class TokenCommandTest : public ::testing::Test {
 protected:
  void SetUp() override { h.loggedIn(); }
  void twoTokensNamedToken1() {
    h.api.tokens[1].name = "Token 1";
    h.api.tokens[1].description = "second";
  }
  CliHarness h;
};

// ---- list
TEST_F(TokenCommandTest, ListPrintsTheTableWithExpiresAndLastUsed) {
  h.api.tokens[1].endAt = ts("2025-02-03T00:00:00Z");
  h.api.tokens[1].lastUsedAt = ts("2024-01-10T21:00:00Z");
  auto r = h.run({"organization", "token", "list"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::vector<std::size_t> w{11, 12, 16, 17, 24, 16, 17, 15, 16};
  EXPECT_EQ(r.out, row({"ID", "NAME", "DESCRIPTION", "SCOPE", "ORGANIZATION ROLE", "CREATED",
                        "CREATED BY", "EXPIRES", "LAST USED"},
                       w) +
                       row({"token1", "Token 1", "", "ORGANIZATION", "ORGANIZATION_MEMBER",
                            "10 days ago", "Owner Person", "never", "never"},
                           w) +
                       row({"token2", "Token 2", "", "ORGANIZATION", "ORGANIZATION_OWNER",
                            "10 days ago", "Owner Person", "2025-02-03", "3 hours ago"},
                           w));
  ASSERT_EQ(h.api.requests.size(), 1u);
  EXPECT_EQ(h.api.requests[0].method, "GET");
  EXPECT_EQ(h.api.requests[0].url, "http://localhost:8888" + kTokens +
                                       "?includeOnlyOrganizationTokens=true&limit=100&offset=0");
}

TEST_F(TokenCommandTest, ListSendsTheStoredTokenAndClientHeaders) {
  auto r = h.run({"org", "to", "ls"});
  ASSERT_EQ(r.code, 0);
  auto& req = h.api.requests.at(0);
  auto header = [&](const std::string& k) {
    for (auto& [name, v] : req.headers)
      if (name == k) return v;
    return std::string("<absent>");
  };
  EXPECT_EQ(header("Authorization"), "Bearer stored-token");
  EXPECT_EQ(header("x-astro-client-identifier"), "cli");
  EXPECT_EQ(header("x-client-os-identifier"), "linux-amd64");
  EXPECT_THAT(header("User-Agent"), StartsWith("astro-cli/"));
  EXPECT_EQ(header("Content-Type"), "<absent>");
}

TEST_F(TokenCommandTest, ListServerErrorIsExitFiveWithTheMessage) {
  h.api.failures["GET " + kTokens] = {500, kListFail};
  auto r = h.run({"organization", "token", "list"});
  EXPECT_EQ(r.code, 5);
  EXPECT_EQ(r.err, "Error: failed to list tokens\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(TokenCommandTest, ListForbiddenIsExitFour) {
  h.api.failures["GET " + kTokens] = {
      403,
      R"({"message":"permission denied: ORGANIZATION_MEMBER cannot manage organization API tokens"})"};
  auto r = h.run({"organization", "token", "list"});
  EXPECT_EQ(r.code, 4);
  EXPECT_EQ(
      r.err,
      "Error: permission denied: ORGANIZATION_MEMBER cannot manage organization API tokens\n");
}

TEST_F(TokenCommandTest, ListWithoutContextIsExitTwo) {
  h.writeConfig("");
  auto r = h.run({"organization", "token", "list"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(
      r.err,
      "Error: no context set, have you authenticated to Astro or APC? Run astro login and try "
      "again\n");
  EXPECT_TRUE(h.api.requests.empty());
}

TEST_F(TokenCommandTest, ListAsJsonAndYaml) {
  auto r = h.run({"organization", "token", "list", "-o", "json"});
  ASSERT_EQ(r.code, 0);
  auto v = json::parse(r.out);
  EXPECT_EQ(v.at("tokens").as_array().size(), 2u);
  EXPECT_EQ(v.at("tokens").at(0).at("name"), "Token 1");
  EXPECT_THAT(r.out, StartsWith("{\n  \"tokens\": [\n    {\n      \"id\": \"token1\",\n"));
  auto j = h.run({"organization", "token", "list", "--json"});
  EXPECT_EQ(j.out, r.out);
  auto y = h.run({"organization", "token", "list", "-o", "yaml"});
  ASSERT_EQ(y.code, 0);
  EXPECT_THAT(y.out, HasSubstr("tokens:\n  - id: \"token1\"\n"));
  auto both = h.run({"organization", "token", "list", "-o", "json", "--json"});
  EXPECT_EQ(both.code, 1);
  auto bad = h.run({"organization", "token", "list", "-o", "xml"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.err, "Error: invalid format \"xml\" (must be table, json, or yaml)\n");
}

TEST_F(TokenCommandTest, ListIgnoresExtraArgumentsAndTheOrganizationIdFlag) {
  auto r = h.run({"organization", "token", "--organization-id", "other", "list", "x"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(h.api.requests.at(0).url, HasSubstr("/organizations/test-org-id/tokens"));
}

// ---- roles
TEST_F(TokenCommandTest, RolesById) {
  auto r = h.run({"organization", "token", "roles", "token1"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::size_t> w{17, 16, 24};
  EXPECT_EQ(r.out, row({"ENTITY_TYPE", "ENTITY_ID", "ROLE"}, w) +
                       row({"ORGANIZATION", "test-org-id", "ORGANIZATION_MEMBER"}, w));
}

TEST_F(TokenCommandTest, RolesGetFails) {
  h.api.failures["GET " + kTokens + "/token1"] = {500, kGetFail};
  auto r = h.run({"organization", "token", "roles", "token1"});
  EXPECT_EQ(r.code, 5);
  EXPECT_EQ(r.err, "Error: failed to get token\n");
}

TEST_F(TokenCommandTest, RolesBySelectionFromStdin) {
  auto r = h.run({"organization", "token", "roles"}, "1\n");
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::size_t> w{6, 12, 16, 24, 12};
  EXPECT_THAT(r.out,
              StartsWith("\nPlease select the Organization API token you would like to update:\n" +
                         row({"#", "NAME", "DESCRIPTION", "ROLE", "EXPIRES"}, w) +
                         row({"1", "Token 1", "", "ORGANIZATION_MEMBER", ""}, w) +
                         row({"2", "Token 2", "", "ORGANIZATION_OWNER", ""}, w) + "\n> "));
  EXPECT_THAT(r.out, HasSubstr("ORGANIZATION     test-org-id     ORGANIZATION_MEMBER"));
}

TEST_F(TokenCommandTest, RolesListFails) {
  h.api.failures["GET " + kTokens] = {500, kListFail};
  auto r = h.run({"organization", "token", "roles"}, "1\n");
  EXPECT_EQ(r.err, "Error: failed to list tokens\n");
  EXPECT_EQ(r.code, 5);
}

TEST_F(TokenCommandTest, RolesLowerCasesThePositionalId) {
  auto r = h.run({"organization", "token", "roles", "TOKEN1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(h.api.requests.at(0).url, "http://localhost:8888" + kTokens + "/token1");
}

// ---- create
TEST_F(TokenCommandTest, CreatePrintsTheTokenBlockAndSendsTheBody) {
  auto r = h.run({"organization", "token", "create", "--name", "CI", "--description", "for ci",
                  "--role", "ORGANIZATION_MEMBER"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "\nAstro Organization API token CI was successfully created\n"
            "Copy and paste this API token for your records.\n"
            "\nastro_org_NEWVALUE\n"
            "\nYou will not be shown this API token value again.\n");
  ASSERT_EQ(h.api.requests.size(), 1u);
  EXPECT_EQ(
      *h.api.requests[0].body,
      R"({"description":"for ci","name":"CI","role":"ORGANIZATION_MEMBER","scope":"ORGANIZATION"})");
}

TEST_F(TokenCommandTest, CreateShortFlagsCleanOutputAndExpiration) {
  auto r = h.run(
      {"organization", "token", "cr", "-n", "CI", "-r", "ORGANIZATION_OWNER", "-e", "30", "-c"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "astro_org_NEWVALUE\n");
  EXPECT_THAT(*h.api.requests.at(0).body, HasSubstr(R"("tokenExpiryPeriodInDays":30)"));
}

TEST_F(TokenCommandTest, CreateAsJsonIncludesTheTokenValue) {
  auto r = h.run(
      {"organization", "token", "create", "-n", "CI", "-r", "ORGANIZATION_OWNER", "-o", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto v = json::parse(r.out);
  EXPECT_EQ(v.at("token"), "astro_org_NEWVALUE");
  EXPECT_EQ(v.at("name"), "CI");
}

TEST_F(TokenCommandTest, CreateInvalidRoleFailsBeforeAnyRequest) {
  auto r = h.run({"organization", "token", "create", "-n", "CI", "-r", "InvalidRole"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, kRoleError);
  EXPECT_TRUE(h.api.requests.empty());
}

TEST_F(TokenCommandTest, CreateExpirationOutOfRangeFailsBeforeAnyRequest) {
  for (const char* days : {"0", "3651", "-1"}) {
    auto r = h.run({"organization", "token", "create", "-n", "CI", "-r", "ORGANIZATION_OWNER",
                    "--expiration", days});
    EXPECT_EQ(r.code, 1) << days;
    EXPECT_EQ(r.err,
              "Error: invalid expiration: must be a whole number of days between 1 and 3650\n");
  }
  EXPECT_TRUE(h.api.requests.empty());
}

TEST_F(TokenCommandTest, CreateEmptyNameWithValidRole) {
  auto r = h.run({"organization", "token", "create", "-r", "ORGANIZATION_MEMBER"}, "");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "Enter a name for the new Organization API token: ");
  EXPECT_EQ(r.err, "Error: no name provided for the organization token. Retry with a valid name\n");
  EXPECT_TRUE(h.api.requests.empty());
}

TEST_F(TokenCommandTest, CreatePromptsForNameAndRole) {
  auto r = h.run({"organization", "token", "create"}, "Piped\n3\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("Enter a name for the new Organization API token: "
                                "select a Organization Role for the new API token:\n"
                                " #     ROLE                           \n"
                                " 1     ORGANIZATION_MEMBER            \n"));
  EXPECT_THAT(*h.api.requests.at(0).body,
              HasSubstr(R"("name":"Piped","role":"ORGANIZATION_OWNER")"));
}

TEST_F(TokenCommandTest, CreateWithoutContext) {
  h.writeConfig("");
  auto r = h.run({"organization", "token", "create", "-n", "CI", "-r", "ORGANIZATION_OWNER"});
  EXPECT_EQ(r.code, 2);
}

// ---- update
TEST_F(TokenCommandTest, UpdateByIdWithoutChanges) {
  auto r = h.run({"organization", "token", "update", "token1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Astro Organization API token Token 1 was successfully updated\n");
  ASSERT_EQ(h.api.requests.size(), 2u);
  EXPECT_EQ(h.api.requests[0].method, "GET");
  EXPECT_EQ(h.api.requests[1].method, "POST");
  EXPECT_EQ(*h.api.requests[1].body, R"({"description":"","name":"Token 1"})");
}

TEST_F(TokenCommandTest, UpdateSeedExampleRenamesAndSetsTheRole) {
  auto r = h.run({"organization", "token", "update", "--name", "Token 2", "--new-name",
                  "My updated API token", "--role", "ORGANIZATION_MEMBER"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Astro Organization API token Token 2 was successfully updated\n");
  ASSERT_EQ(h.api.requests.size(), 4u);  // list, get, update, roles
  EXPECT_EQ(*h.api.requests[2].body, R"({"description":"","name":"My updated API token"})");
  EXPECT_EQ(h.api.requests[3].url, "http://localhost:8888" + kTokens + "/token2/roles");
  EXPECT_EQ(
      *h.api.requests[3].body,
      R"({"roles":[{"entityId":"test-org-id","entityType":"ORGANIZATION","role":"ORGANIZATION_MEMBER"}]})");
  EXPECT_EQ(h.api.tokens[1].name, "My updated API token");
}

TEST_F(TokenCommandTest, UpdateRoleKeepsOtherEntries) {
  h.api.tokens[0].roles.push_back({"WORKSPACE", "ws1", "WORKSPACE_MEMBER", std::nullopt});
  auto r = h.run({"organization", "token", "up", "token1", "-r", "ORGANIZATION_OWNER"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(
      *h.api.requests.back().body,
      R"({"roles":[{"entityId":"ws1","entityType":"WORKSPACE","role":"WORKSPACE_MEMBER"},)"
      R"({"entityId":"test-org-id","entityType":"ORGANIZATION","role":"ORGANIZATION_OWNER"}]})");
}

TEST_F(TokenCommandTest, UpdateEveryFlagIncludingExpirationAndCleanOutput) {
  auto r = h.run({"organization", "token", "update", "-t", "Token 1", "-n", "New", "-d", "desc",
                  "-r", "ORGANIZATION_BILLING_ADMIN", "-e", "1", "-c"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "token1\n");
  EXPECT_EQ(*h.api.requests[2].body,
            R"({"description":"desc","name":"New","tokenExpiryPeriodInDays":1})");
}

TEST_F(TokenCommandTest, UpdateBySelectionFromStdin) {
  auto r = h.run({"organization", "token", "update"}, "2\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out,
              HasSubstr("\n> Astro Organization API token Token 2 was successfully updated\n"));
  EXPECT_EQ(h.api.requests[1].url, "http://localhost:8888" + kTokens + "/token2");
}

TEST_F(TokenCommandTest, UpdateDuplicateNamesAskWhichOne) {
  twoTokensNamedToken1();
  auto r = h.run({"organization", "token", "update", "--name", "Token 1", "-d", "picked"}, "2\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("\nThere are more than one API tokens with name Token 1. Please "
                                "select an API token:\n #     NAME"));
  EXPECT_EQ(h.api.requests[1].url, "http://localhost:8888" + kTokens + "/token2");
  EXPECT_EQ(h.api.tokens[1].description, "picked");
}

TEST_F(TokenCommandTest, UpdateWithClosedStdinNamesTheCandidates) {
  twoTokensNamedToken1();
  auto r = h.run({"organization", "token", "update", "--name", "Token 1"}, "");
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(
      r.err,
      "Error: a token must be chosen but there is no answer to read (stdin is closed or not a "
      "terminal); candidates: \"Token 1\" (token1), \"Token 1\" (token2). Pass the token ID to "
      "choose without a prompt: astro organization token update <TOKEN_ID>\n");
  EXPECT_EQ(h.api.count("POST"), 0u);
}

TEST_F(TokenCommandTest, UpdateInvalidSelection) {
  auto r = h.run({"organization", "token", "update"}, "3\n");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "Error: invalid Organization API token selection\n");
  auto spaced = h.run({"organization", "token", "update"}, " 1\n");
  EXPECT_EQ(spaced.err, "Error: invalid Organization API token selection\n");
}

TEST_F(TokenCommandTest, UpdateListFails) {
  h.api.failures["GET " + kTokens] = {500, kListFail};
  auto r = h.run({"organization", "token", "update", "--name", "Token 1"});
  EXPECT_EQ(r.err, "Error: failed to list tokens\n");
  EXPECT_EQ(r.code, 5);
}

TEST_F(TokenCommandTest, UpdateUnknownName) {
  auto r = h.run({"organization", "token", "update", "--name", "nope"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err, "Error: organization token specified was not found\n");
}

TEST_F(TokenCommandTest, UpdateGetFails) {
  h.api.failures["GET " + kTokens + "/token1"] = {500, kGetFail};
  auto r = h.run({"organization", "token", "update", "token1"});
  EXPECT_EQ(r.err, "Error: failed to get token\n");
}

TEST_F(TokenCommandTest, UpdateFailsExactly) {
  h.api.failures["POST " + kTokens + "/token1"] = {500, kUpdateFail};
  auto r = h.run({"organization", "token", "update", "token1", "-n", "x"});
  EXPECT_EQ(r.code, 5);
  EXPECT_EQ(r.err, "Error: failed to update token\n");
}

TEST_F(TokenCommandTest, UpdateRolesFailureSaysWhatWasApplied) {
  h.api.failures["POST " + kTokens + "/token1/roles"] = {500, kUpdateFail};
  auto r =
      h.run({"organization", "token", "update", "token1", "-n", "x", "-r", "ORGANIZATION_OWNER"});
  EXPECT_EQ(r.code, 5);
  EXPECT_EQ(r.err,
            "Error: failed to update token (the token's name, description and expiration were "
            "updated; its role was not changed)\n");
}

TEST_F(TokenCommandTest, UpdateInvalidRoleOrExpirationSendsNothing) {
  auto r = h.run({"organization", "token", "update", "token1", "--role", "Invalid Role"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, kRoleError);
  for (const char* days : {"0", "3651"}) {
    auto e = h.run({"organization", "token", "update", "token1", "--expiration", days});
    EXPECT_EQ(e.code, 1);
    EXPECT_EQ(e.err,
              "Error: invalid expiration: must be a whole number of days between 1 and 3650\n");
  }
  auto bad = h.run({"organization", "token", "update", "token1", "--expiration", "abc"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_TRUE(h.api.requests.empty());
}

TEST_F(TokenCommandTest, UpdateWrongScope) {
  h.api.tokens[0].scope = "WORKSPACE";
  auto r = h.run({"organization", "token", "update", "token1"});
  EXPECT_EQ(r.err, "Error: the token selected is not of the type you are trying to modify\n");
  EXPECT_EQ(h.api.count("POST"), 0u);
}

TEST_F(TokenCommandTest, UpdateNotFoundById) {
  auto r = h.run({"organization", "token", "update", "cunknown"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err, "Error: API token not found\n");
}

// ---- rotate
TEST_F(TokenCommandTest, RotateByIdWithForcePrintsTheRealName) {
  auto r = h.run({"organization", "token", "rotate", "token1", "--force"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "\nAstro Organization API token Token 1 was successfully rotated\n"
            "Copy and paste this API token for your records.\n"
            "\nastro_org_ROTATED1\n"
            "\nYou will not be shown this API token value again.\n");
  auto& req = h.api.requests.back();
  EXPECT_EQ(req.url, "http://localhost:8888" + kTokens + "/token1/rotate");
  EXPECT_EQ(req.body.value_or("<none>"), "");
  for (auto& [k, v] : req.headers) EXPECT_NE(k, "Content-Type");
}

TEST_F(TokenCommandTest, RotateByNameWithForce) {
  auto r = h.run({"organization", "token", "ro", "-t", "Token 2", "-f"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("API token Token 2 was successfully rotated"));
}

TEST_F(TokenCommandTest, RotateDeclinedOnEmptyStdin) {
  auto r = h.run({"organization", "token", "rotate", "--name", "Token 1", "--clean-output"}, "");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(
      r.out,
      "WARNING: API Token rotation will invalidate the current token and cannot be undone.\n"
      "\nAre you sure you want to rotate the Token 1 API token? (y/n) Canceling token rotation\n");
  EXPECT_EQ(h.api.count("POST"), 0u);
}

TEST_F(TokenCommandTest, RotateConfirmedWithY) {
  auto r = h.run({"organization", "token", "rotate", "token1", "-c"}, "y\n");
  ASSERT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("(y/n) astro_org_ROTATED1\n"));
  auto upper = h.run({"organization", "token", "rotate", "token1"}, "Y\n");
  EXPECT_THAT(upper.out, HasSubstr("Canceling token rotation"));
}

TEST_F(TokenCommandTest, RotateAsJson) {
  auto r = h.run({"organization", "token", "rotate", "token1", "-f", "-o", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out).at("token"), "astro_org_ROTATED1");
}

TEST_F(TokenCommandTest, RotateFailures) {
  h.api.failures["POST " + kTokens + "/token1/rotate"] = {500, kUpdateFail};
  auto r = h.run({"organization", "token", "rotate", "token1", "-f"});
  EXPECT_EQ(r.err, "Error: failed to update token\n");
  EXPECT_EQ(r.code, 5);
  auto unknown = h.run({"organization", "token", "rotate", "-t", "nope", "-f"});
  EXPECT_EQ(unknown.err, "Error: organization token specified was not found\n");
  h.api.failures["GET " + kTokens] = {500, kListFail};
  auto list = h.run({"organization", "token", "rotate", "-t", "Token 1", "-f"});
  EXPECT_EQ(list.err, "Error: failed to list tokens\n");
  h.api.failures["GET " + kTokens + "/token2"] = {500, kGetFail};
  auto get = h.run({"organization", "token", "rotate", "token2", "-f"});
  EXPECT_EQ(get.err, "Error: failed to get token\n");
}

// ---- delete
TEST_F(TokenCommandTest, DeleteDeclinedByName) {
  auto r = h.run({"organization", "token", "delete", "--name", "Token 1"}, "n\n");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out,
            "WARNING: API token deletion cannot be undone.\n"
            "\nAre you sure you want to delete the Token 1 API token? (y/n) Canceling API Token "
            "deletion\n");
  EXPECT_EQ(h.api.count("DELETE"), 0u);
}

TEST_F(TokenCommandTest, DeleteDeclinedByIdOnEmptyStdin) {
  auto r = h.run({"organization", "token", "de", "token1"}, "");
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("Canceling API Token deletion\n"));
}

TEST_F(TokenCommandTest, DeleteWithForce) {
  auto r = h.run({"organization", "token", "delete", "token1", "-f"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Astro Organization API token Token 1 was successfully deleted\n");
  EXPECT_EQ(h.api.tokens.size(), 1u);
}

TEST_F(TokenCommandTest, DeleteFailsExactly) {
  h.api.failures["DELETE " + kTokens + "/token1"] = {500, kUpdateFail};
  auto r = h.run({"organization", "token", "delete", "token1", "--force"});
  EXPECT_EQ(r.err, "Error: failed to update token\n");
  EXPECT_EQ(r.code, 5);
}

TEST_F(TokenCommandTest, DeleteWithoutContext) {
  h.writeConfig("context: elsewhere.io\n");
  auto r = h.run({"organization", "token", "delete", "token1", "-f"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(
      r.err,
      "Error: not connected, have you authenticated to Astro? Run astro login and try again\n");
}

// ---- transport failures, ASTRO_API_TOKEN
TEST_F(TokenCommandTest, UnreachableServerIsExitFive) {
  h.api.unreachable = true;
  auto r = h.run({"organization", "token", "list"});
  EXPECT_EQ(r.code, 5);
  EXPECT_EQ(r.err, "Error: cannot reach the server at http://localhost:8888: Connection refused\n");
}

TEST_F(TokenCommandTest, AstroApiTokenIsUsedButNeverWritten) {
  std::string before = h.readConfig();
  h.vars["ASTRO_API_TOKEN"] = "astro_org_ENVVALUE";
  auto r = h.run({"organization", "token", "list"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "Using an Astro API Token\n");
  for (auto& req : h.api.requests)
    for (auto& [k, v] : req.headers) {
      if (k == "Authorization") {
        EXPECT_EQ(v, "Bearer astro_org_ENVVALUE");
      }
    }
  EXPECT_EQ(h.readConfig(), before);
  EXPECT_THAT(h.readConfig(), Not(HasSubstr("ENVVALUE")));
}

TEST_F(TokenCommandTest, AstroApiTokenWithoutContextUsesAstroDomain) {
  h.writeConfig("");
  h.vars["ASTRO_API_TOKEN"] = "astro_org_ENVVALUE";
  auto none = h.run({"organization", "token", "list"});
  EXPECT_EQ(none.code, 2);
  h.vars["ASTRO_DOMAIN"] = "localhost";
  auto r = h.run({"organization", "token", "list"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(h.api.requests.at(0).url, "http://localhost:8888/v1/organizations?limit=100&offset=0");
  EXPECT_THAT(h.api.requests.at(1).url, HasSubstr("/organizations/test-org-id/tokens"));
  EXPECT_EQ(h.readConfig(), "");
}

TEST_F(TokenCommandTest, ColourOnlyOnATerminalAndNeverWithNoColor) {
  h.stdoutTerminal = true;
  auto r = h.run({"organization", "token", "rotate", "token1"}, "n\n");
  EXPECT_THAT(r.out, HasSubstr("rotate the \033[1mToken 1\033[0m API token?"));
  h.vars["NO_COLOR"] = "1";
  auto plain = h.run({"organization", "token", "rotate", "token1"}, "n\n");
  EXPECT_THAT(plain.out, HasSubstr("rotate the Token 1 API token?"));
}

}  // namespace
}  // namespace astro::testing
