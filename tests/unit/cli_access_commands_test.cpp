// In-process tests of the issue 3 commands against a fake transport: organization user, team,
// team user, role, audit-logs and workspace commands (reference §3.3–§3.15, §4.7, §11.3) and
// product.md's departures (validation before any request, -o/--output, non-interactive
// selection errors, exit classes).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "cli/commands/audit/audit_file.h"
#include "cli_test_support.h"
#include "client/url.h"
#include "core/roles/roles.h"

namespace astro::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string kOrg = "/v1/organizations/test-org-id";
const std::string kRoleError =
    std::string("Error: ") + std::string(core::kInvalidOrgRoleMessage) + "\n";
const std::string kWsRoleError =
    std::string("Error: ") + std::string(core::kInvalidWorkspaceRoleMessage) + "\n";

std::string row(const std::vector<std::string>& cells, const std::vector<std::size_t>& widths) {
  std::string s = " ";
  for (std::size_t i = 0; i < cells.size(); ++i)
    s += cells[i] + std::string(widths[i] - cells[i].size(), ' ');
  return s + "\n";
}

class AccessCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h.loggedIn();
    h.api.users.push_back(h.api.user("u1", "user@1.com", "User One", "ORGANIZATION_MEMBER"));
    h.api.users.push_back(h.api.user("u2", "user@2.com", "User Two", "ORGANIZATION_OWNER"));
    h.api.teams.push_back(h.api.team("team1", "Data", "ORGANIZATION_MEMBER"));
  }
  CliHarness h;
};

// ---- user invite
TEST_F(AccessCommandTest, InvitePrintsTheLineAndSendsTheExactBody) {
  auto r = h.run({"organization", "user", "invite", "Test-Email@Test.com"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "invite for test-email@test.com with role ORGANIZATION_MEMBER created\n");
  ASSERT_EQ(h.api.requests.size(), 1u);
  EXPECT_EQ(h.api.requests[0].url, "http://localhost:8888" + kOrg + "/invites");
  EXPECT_EQ(*h.api.requests[0].body,
            R"({"inviteeEmail":"test-email@test.com","role":"ORGANIZATION_MEMBER"})");
}

TEST_F(AccessCommandTest, InviteAliasesRoleFlagAndPromptedEmailKeepsItsCase) {
  auto r = h.run({"org", "users", "inv", "-r", "ORGANIZATION_OWNER"}, "Typed@X.com\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "enter email address to invite a user: invite for Typed@X.com with role "
            "ORGANIZATION_OWNER created\n");
}

TEST_F(AccessCommandTest, InviteBlankEmailWinsOverAnInvalidRoleAndSendsNothing) {
  auto r = h.run({"organization", "user", "invite", "--role", "BAD"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "Error: no email provided for the invite. Retry with a valid email address\n");
  EXPECT_TRUE(h.api.requests.empty());
  auto bad = h.run({"organization", "user", "invite", "a@b.com", "--role", "BAD"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.err, kRoleError);
  EXPECT_TRUE(h.api.requests.empty());
}

// ---- user list
TEST_F(AccessCommandTest, UserListTableAndJson) {
  auto r = h.run({"organization", "user", "list"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::size_t> w{13, 15, 7, 24, 25};
  EXPECT_EQ(
      r.out,
      row({"FULLNAME", "EMAIL", "ID", "ORGANIZATION ROLE", "CREATE DATE"}, w) +
          row({"User One", "user@1.com", "u1", "ORGANIZATION_MEMBER", "2024-01-02T03:04:05Z"}, w) +
          row({"User Two", "user@2.com", "u2", "ORGANIZATION_OWNER", "2024-01-02T03:04:05Z"}, w));
  EXPECT_EQ(h.api.requests.at(0).url, "http://localhost:8888" + kOrg + "/users?limit=100&offset=0");
  auto j = h.run({"organization", "user", "ls", "-o", "json"});
  ASSERT_EQ(j.code, 0);
  EXPECT_EQ(j.out,
            "{\n  \"users\": [\n    {\n      \"fullName\": \"User One\",\n      \"email\": "
            "\"user@1.com\",\n      \"id\": \"u1\",\n      \"createdAt\": "
            "\"2024-01-02T03:04:05Z\",\n      \"orgRole\": \"ORGANIZATION_MEMBER\"\n    },\n    "
            "{\n      \"fullName\": \"User Two\",\n      \"email\": \"user@2.com\",\n      \"id\": "
            "\"u2\",\n      \"createdAt\": \"2024-01-02T03:04:05Z\",\n      \"orgRole\": "
            "\"ORGANIZATION_OWNER\"\n    }\n  ]\n}\n");
  EXPECT_EQ(h.run({"organization", "user", "list", "--json"}).out, j.out);
  auto y = h.run({"organization", "user", "list", "-o", "yaml"});
  EXPECT_THAT(y.out, StartsWith("users:\n  - fullName: \"User One\"\n"));
  std::size_t before = h.api.requests.size();
  auto both = h.run({"organization", "user", "list", "--json", "-o", "json"});
  EXPECT_EQ(both.code, 1);
  EXPECT_EQ(h.api.requests.size(), before);
}

// ---- user update
TEST_F(AccessCommandTest, UserUpdateByEmail) {
  auto r = h.run({"organization", "user", "update", "USER@1.com", "--role", "ORGANIZATION_MEMBER"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "The user user@1.com role was successfully updated to ORGANIZATION_MEMBER\n");
  auto posts = h.api.matching("POST", kOrg + "/users/u1/roles");
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(*posts[0].body, R"({"organizationRole":"ORGANIZATION_MEMBER"})");
}

TEST_F(AccessCommandTest, UserUpdatePromptsForTheRoleAndSelectsTheUser) {
  auto r = h.run({"organization", "user", "up"}, "ORGANIZATION_BILLING_ADMIN\n2\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("enter a user Organization role(ORGANIZATION_MEMBER, "
                                "ORGANIZATION_BILLING_ADMIN, ORGANIZATION_OWNER) to update user: "
                                "\nPlease select the user:\n #     FULLNAME"));
  EXPECT_THAT(r.out, HasSubstr("\n> The user user@2.com role was successfully updated to "
                               "ORGANIZATION_BILLING_ADMIN\n"));
  EXPECT_EQ(h.api.users[1].organizationRole, "ORGANIZATION_BILLING_ADMIN");
}

TEST_F(AccessCommandTest, UserUpdateErrors) {
  auto bad = h.run({"organization", "user", "update", "user@1.com", "-r", "OWNER"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.err, kRoleError);
  EXPECT_TRUE(h.api.requests.empty());
  auto missing =
      h.run({"organization", "user", "update", "nobody@x.com", "-r", "ORGANIZATION_MEMBER"});
  EXPECT_EQ(missing.code, 3);
  EXPECT_EQ(missing.err, "Error: no user was found for the email you provided\n");
  auto invalid = h.run({"organization", "user", "update", "-r", "ORGANIZATION_MEMBER"}, "7\n");
  EXPECT_EQ(invalid.code, 1);
  EXPECT_EQ(invalid.err, "Error: invalid User selected\n");
  auto closed = h.run({"organization", "user", "update", "-r", "ORGANIZATION_MEMBER"});
  EXPECT_EQ(closed.code, 3);
  EXPECT_EQ(closed.out, "");
  EXPECT_EQ(closed.err,
            "Error: a user must be chosen but there is no answer to read (stdin is closed or not "
            "a terminal); candidates: \"user@1.com\" (u1), \"user@2.com\" (u2). Pass the user's "
            "e-mail address to choose without a prompt: astro organization user update <EMAIL> "
            "--role <ROLE>\n");
  EXPECT_TRUE(h.api.matching("POST", kOrg + "/users").empty());
}

// ---- team create
TEST_F(AccessCommandTest, TeamCreate) {
  auto r = h.run({"organization", "team", "create", "-n", "Platform", "-r", "ORGANIZATION_OWNER"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Astro Team Platform was successfully created\n");
  ASSERT_EQ(h.api.requests.size(), 1u);
  EXPECT_EQ(json::parse(*h.api.requests[0].body),
            json::parse(
                R"({"description":"","name":"Platform","organizationRole":"ORGANIZATION_OWNER"})"));
}

TEST_F(AccessCommandTest, TeamCreateSelectsTheRoleThenPromptsForTheName) {
  auto r = h.run({"org", "te", "cr", "-d", "the ops"}, "3\nOps\n");
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::size_t> w{6, 31};
  EXPECT_EQ(r.out, "select a Organization Role for the new team:\n" + row({"#", "ROLE"}, w) +
                       row({"1", "ORGANIZATION_MEMBER"}, w) +
                       row({"2", "ORGANIZATION_BILLING_ADMIN"}, w) +
                       row({"3", "ORGANIZATION_OWNER"}, w) +
                       "\n> Please specify a name for your Team\n\nTeam name: Astro Team Ops was "
                       "successfully created\n");
  EXPECT_EQ(h.api.teams.back().organizationRole, "ORGANIZATION_OWNER");
  EXPECT_EQ(h.api.teams.back().description, "the ops");
}

TEST_F(AccessCommandTest, TeamCreateChecksTheRoleBeforeTheNamePromptAndNeedsAName) {
  auto bad = h.run({"organization", "team", "create", "-r", "BAD"}, "Name\n");
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.err, kRoleError);
  EXPECT_EQ(bad.out, "");
  auto noName = h.run({"organization", "team", "create", "-r", "ORGANIZATION_MEMBER"});
  EXPECT_EQ(noName.code, 1);
  EXPECT_EQ(noName.out, "Please specify a name for your Team\n\nTeam name: ");
  EXPECT_EQ(noName.err, "Error: you must give your Team a name\n");
  EXPECT_TRUE(h.api.requests.empty());
}

// ---- team list
TEST_F(AccessCommandTest, TeamListTableAndJson) {
  h.api.teams[0].description = "data people";
  h.api.teams.push_back(h.api.team("team2", "Idp", "ORGANIZATION_OWNER"));
  h.api.teams[1].isIdpManaged = true;
  auto r = h.run({"organization", "team", "list"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::size_t> w{10, 9, 16, 24, 16, 25};
  EXPECT_EQ(r.out,
            row({"ID", "NAME", "DESCRIPTION", "ORG ROLE", "IDP MANAGED", "CREATE DATE"}, w) +
                row({"team1", "Data", "data people", "ORGANIZATION_MEMBER", "false",
                     "2024-01-03T00:00:00Z"},
                    w) +
                row({"team2", "Idp", "", "ORGANIZATION_OWNER", "true", "2024-01-03T00:00:00Z"}, w));
  auto j = h.run({"organization", "teams", "ls", "--json"});
  auto v = json::parse(j.out);
  EXPECT_EQ(v, json::parse(R"({"teams":[
    {"id":"team1","name":"Data","description":"data people","createdAt":"2024-01-03T00:00:00Z","orgRole":"ORGANIZATION_MEMBER"},
    {"id":"team2","name":"Idp","createdAt":"2024-01-03T00:00:00Z","orgRole":"ORGANIZATION_OWNER","isIdpManaged":true}]})"));
}

// ---- team update
TEST_F(AccessCommandTest, TeamUpdateNameAndRole) {
  auto r = h.run({"organization", "team", "update", "team1", "--name", "Data Eng", "--role",
                  "ORGANIZATION_OWNER"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Astro Team Data was successfully updated\nAstro Team role Data was successfully "
            "updated to ORGANIZATION_OWNER\n");
  auto update = h.api.matching("POST", kOrg + "/teams/team1");
  ASSERT_EQ(update.size(), 2u);
  EXPECT_EQ(*update[0].body, R"({"name":"Data Eng"})");
  EXPECT_EQ(*update[1].body, R"({"organizationRole":"ORGANIZATION_OWNER"})");
  EXPECT_EQ(h.api.teams[0].name, "Data Eng");
}

TEST_F(AccessCommandTest, TeamUpdateChecksTheRoleBeforeAnyRequest) {
  auto r = h.run({"organization", "team", "update", "team1", "-n", "X", "-r", "Invalid Role"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, kRoleError);
  EXPECT_TRUE(h.api.requests.empty());
  EXPECT_EQ(h.api.teams[0].name, "Data");
}

TEST_F(AccessCommandTest, TeamUpdateIdpTeamAsksFirst) {
  h.api.teams[0].isIdpManaged = true;
  auto no = h.run({"organization", "team", "update", "team1", "-n", "X"}, "n\n");
  EXPECT_EQ(no.code, 0);
  EXPECT_EQ(no.out,
            "This is an IDP-managed team. Are you sure you want to continue the operation? (y/n) ");
  EXPECT_EQ(no.err, "");
  EXPECT_TRUE(h.api.matching("POST", kOrg + "/teams").empty());
  auto yes = h.run({"organization", "team", "update", "team1", "-n", "X"}, "y\n");
  EXPECT_EQ(yes.code, 0);
  EXPECT_THAT(yes.out, HasSubstr("(y/n) Astro Team Data was successfully updated\n"));
  auto forced = h.run({"organization", "team", "update", "team1", "-n", "Y", "-f"});
  EXPECT_EQ(forced.out, "Astro Team X was successfully updated\n");
}

TEST_F(AccessCommandTest, TeamUpdateSelectionAndItsErrors) {
  auto r = h.run({"organization", "team", "update", "-d", "new"}, "1\n");
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::size_t> w{6, 13, 10};
  EXPECT_EQ(r.out, "\nPlease select a team:\n" + row({"#", "TEAMNAME", "ID"}, w) +
                       row({"1", "Data", "team1"}, w) +
                       "\n> Astro Team Data was successfully updated\n");
  auto invalid = h.run({"organization", "team", "update"}, "2\n");
  EXPECT_EQ(invalid.err, "Error: invalid team selection\n");
  EXPECT_EQ(invalid.code, 1);
  auto closed = h.run({"organization", "team", "update"});
  EXPECT_EQ(closed.code, 3);
  EXPECT_EQ(closed.err,
            "Error: a team must be chosen but there is no answer to read (stdin is closed or not a "
            "terminal); candidates: \"Data\" (team1). Pass the team ID to choose without a "
            "prompt: astro organization team update <TEAM_ID>\n");
  auto unknown = h.run({"organization", "team", "update", "nope"});
  EXPECT_EQ(unknown.code, 3);
  EXPECT_EQ(unknown.err, "Error: team not found\n");
  h.api.teams.clear();
  auto none = h.run({"organization", "team", "update"}, "1\n");
  EXPECT_EQ(none.err, "Error: no teams found in your organization\n");
}

// ---- team delete
TEST_F(AccessCommandTest, TeamDeleteNeedsNoConfirmationForANormalTeam) {
  auto r = h.run({"organization", "team", "delete", "team1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Astro Team Data was successfully deleted\n");
  EXPECT_TRUE(h.api.teams.empty());
  EXPECT_EQ(h.api.matching("DELETE", kOrg + "/teams/team1").size(), 1u);
}

// ---- team user add/remove/list
TEST_F(AccessCommandTest, TeamUserAddById) {
  auto r = h.run({"organization", "team", "user", "add", "-t", "team1", "-u", "u2"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Astro User u2 was successfully added to team Data \n");
  auto posts = h.api.matching("POST", kOrg + "/teams/team1/members");
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(*posts[0].body, R"({"memberIds":["u2"]})");
}

TEST_F(AccessCommandTest, TeamUserAddBySelection) {
  auto r = h.run({"organization", "team", "user", "add"}, "1\n1\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\nPlease select the user:\n"));
  EXPECT_THAT(r.out, HasSubstr("Astro User u1 was successfully added to team Data \n"));
  auto unknown = h.run({"organization", "team", "user", "add", "-t", "team1", "-u", "zz"});
  EXPECT_EQ(unknown.code, 3);
  h.api.users.clear();
  auto none = h.run({"organization", "team", "user", "add", "-t", "team1"});
  EXPECT_EQ(none.err, "Error: no users found in your organization\n");
}

TEST_F(AccessCommandTest, TeamUserRemoveAndList) {
  auto empty = h.run({"organization", "team", "user", "list", "-t", "team1"});
  EXPECT_EQ(empty.out, "The selected team has no members\n");
  auto noMembers = h.run({"organization", "team", "user", "remove", "-t", "team1", "-u", "u1"});
  EXPECT_EQ(noMembers.err, "Error: no team members found in team\n");
  h.api.members["team1"] = {{"u1", "user@1.com", "User One", std::nullopt, std::nullopt},
                            {"u2", "user@2.com", std::nullopt, std::nullopt, std::nullopt}};
  auto list = h.run({"organization", "team", "user", "list", "--team-id", "team1"});
  std::vector<std::size_t> w{7, 13, 15};
  EXPECT_EQ(list.out, row({"ID", "FullName", "Email"}, w) +
                          row({"u1", "User One", "user@1.com"}, w) +
                          row({"u2", "", "user@2.com"}, w));
  auto j = h.run({"organization", "team", "user", "list", "-t", "team1", "-o", "json"});
  EXPECT_EQ(json::parse(j.out).at("teamMembers").as_array().size(), 2u);
  auto unknown = h.run({"organization", "team", "user", "remove", "-t", "team1", "-u", "u9"});
  EXPECT_EQ(unknown.code, 3);
  EXPECT_EQ(unknown.err, "Error: no team was found for the ID you provided\n");
  auto r = h.run({"organization", "team", "user", "remove", "-t", "team1"}, "2\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("\nPlease select the teamMember who's membership you'd like to "
                                "modify:\n"));
  EXPECT_THAT(r.out, HasSubstr("\n> Astro User u2 was successfully removed from team Data \n"));
  EXPECT_EQ(h.api.members["team1"].size(), 1u);
}

// ---- role list
TEST_F(AccessCommandTest, RoleListMakesTwoCallsForOnePage) {
  core::CustomRole role;
  role.id = "role1";
  role.name = "Custom";
  role.scopeType = "WORKSPACE";
  h.api.customRoles.push_back(role);
  auto r = h.run({"organization", "role", "list"});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(h.api.requests.size(), 2u);
  EXPECT_EQ(h.api.requests[0].url,
            "http://localhost:8888" + kOrg + "/roles?includeDefaultRoles=false&limit=100&offset=0");
  EXPECT_EQ(h.api.requests[1].url, "http://localhost:8888" + kOrg +
                                       "/roles?includeDefaultRoles=false&limit=100&offset=100");
  std::vector<std::size_t> w{11, 10, 16};
  EXPECT_EQ(r.out, row({"NAME", "ID", "DESCRIPTION"}, w) + row({"Custom", "role1", ""}, w));
}

TEST_F(AccessCommandTest, RoleListWithDefaultRolesAndErrors) {
  auto r = h.run({"org", "roles", "ls", "--include-default-roles"});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(h.api.requests.size(), 1u);  // totalCount 0: no custom roles
  EXPECT_THAT(h.api.requests[0].url, HasSubstr("includeDefaultRoles=true"));
  EXPECT_THAT(r.out, StartsWith(" NAME "));
  for (const auto& d : core::defaultRoles()) EXPECT_THAT(r.out, HasSubstr(" " + d.name + " "));
  auto j = h.run({"org", "role", "list", "-i", "-o", "json"});
  EXPECT_EQ(json::parse(j.out).at("defaultRoles").as_array().size(), core::defaultRoles().size());
  h.api.failures["GET " + kOrg + "/roles"] = {500, R"({"message":"failed to list roles"})"};
  auto fail = h.run({"organization", "role", "list"});
  EXPECT_EQ(fail.code, 5);
  EXPECT_EQ(fail.err, "Error: failed to list roles\n");
}

// ---- audit-logs export
class AuditExportTest : public AccessCommandTest {
 protected:
  void SetUp() override {
    AccessCommandTest::SetUp();
    h.api.orgs[0].name = "My Test Org";
    old_ = std::filesystem::current_path();
    std::filesystem::current_path(h.home());
  }
  void TearDown() override { std::filesystem::current_path(old_); }
  static std::string read(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }
  static unsigned mode(const std::string& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 0777;
  }
  std::filesystem::path old_;
};

TEST_F(AuditExportTest, WritesAPrivateGzipFileWithTheDefaultName) {
  auto r = h.run({"organization", "audit-logs", "export"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "This may take some time depending on how many days are being exported.\nFinished "
            "exporting logs to local GZIP file\n");
  std::string name = cli::defaultAuditFileName("My Test Org", 1, h.now);
  EXPECT_THAT(name, StartsWith("mytestorg-logs-1-day-2024011"));
  ASSERT_TRUE(std::filesystem::exists(name));
  EXPECT_EQ(mode(name), 0600u);
  std::string bytes = read(name);
  EXPECT_TRUE(client::isGzip(bytes));
  EXPECT_EQ(*client::gzipDecompress(bytes), h.api.auditBody);
  auto get = h.api.matching("GET", kOrg + "/audit-logs");
  ASSERT_EQ(get.size(), 1u);
  EXPECT_THAT(get[0].url, HasSubstr("/audit-logs?startDate=" +
                                    client::percentEncode(cli::auditStartDate(h.now, 1))));
  bool acceptsGzip = false;
  for (const auto& [k, v] : get[0].headers) acceptsGzip |= k == "Accept-Encoding" && v == "gzip";
  EXPECT_TRUE(acceptsGzip);
}

TEST_F(AuditExportTest, AGzipBodyIsWrittenUnchangedAndAnExistingFileBecomesPrivate) {
  h.api.auditGzip = true;
  std::ofstream("out.gz") << "old";
  ::chmod("out.gz", 0644);
  auto r = h.run({"org", "al", "e", "-o", "out.gz", "-i", "30", "-n", "My Test Org"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(read("out.gz"), client::gzipCompress(h.api.auditBody));
  EXPECT_EQ(mode("out.gz"), 0600u);
  EXPECT_EQ(cli::defaultAuditFileName("my org", 30, h.now).substr(0, 19), "myorg-logs-30-days-");
}

TEST_F(AuditExportTest, IncludeIsCheckedBeforeAnyRequest) {
  for (std::string bad : {"0", "91", "abc", "-1", "1.5", ""}) {
    auto r = h.run({"organization", "audit-logs", "export", "--include", bad});
    EXPECT_EQ(r.code, 1) << bad;
    EXPECT_EQ(r.err, "Error: invalid --include: must be a whole number of days between 1 and 90\n")
        << bad;
    EXPECT_EQ(r.out, "");
  }
  EXPECT_TRUE(h.api.requests.empty());
}

TEST_F(AuditExportTest, UnknownOrganizationNameAndServerErrors) {
  auto r = h.run({"organization", "audit-logs", "export", "-n", "Nope"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err, "Error: invalid organization name\n");
  h.api.failures["GET " + kOrg + "/audit-logs"] = {
      500, R"({"message":"failed to fetch organizations audit logs"})"};
  auto fail = h.run({"organization", "audit-logs", "export", "-o", "x.gz"});
  EXPECT_EQ(fail.code, 5);
  EXPECT_EQ(fail.err, "Error: failed to fetch organizations audit logs\n");
  EXPECT_FALSE(std::filesystem::exists("x.gz"));
}

TEST(EnsureGzip, CompressesPlainBodiesAndLeavesGzipAlone) {
  std::string plain = "{\"a\":1}\n{\"b\":2}\n";
  std::string once = client::ensureGzip(plain);
  EXPECT_TRUE(client::isGzip(once));
  EXPECT_EQ(*client::gzipDecompress(once), plain);
  EXPECT_EQ(client::ensureGzip(once), once);
  EXPECT_FALSE(client::gzipDecompress("not gzip"));
}

TEST(AuditFile, IncludeParsing) {
  EXPECT_EQ(cli::parseIncludeDays("1"), 1);
  EXPECT_EQ(cli::parseIncludeDays("90"), 90);
  EXPECT_EQ(cli::parseIncludeDays("007"), 7);
  EXPECT_FALSE(cli::parseIncludeDays("91"));
  EXPECT_FALSE(cli::parseIncludeDays("+5"));
}

// ---- workspaces
TEST_F(AccessCommandTest, WorkspaceCreateListSwitch) {
  auto c = h.run({"workspace", "create", "--name", "Prod", "-d", "production", "--enforce-cicd"});
  ASSERT_EQ(c.code, 0) << c.err;
  EXPECT_EQ(c.out, "Astro Workspace Prod was successfully created\n");
  EXPECT_EQ(
      json::parse(*h.api.requests.back().body),
      json::parse(R"({"name":"Prod","description":"production","cicdEnforcedDefault":true})"));
  h.api.workspaces.push_back(h.api.workspace("ws2", "Dev"));
  auto s = h.run({"wo", "sw", "Prod"});
  ASSERT_EQ(s.code, 0) << s.err;
  EXPECT_EQ(s.out,
            " CONTROLPLANE                        WORKSPACE                           \n"
            " localhost                           ws1                                 \n");
  EXPECT_THAT(h.readConfig(), HasSubstr("workspace: ws1"));
  EXPECT_THAT(h.readConfig(), HasSubstr("last_used_workspace: ws1"));
  EXPECT_EQ(h.api.requests.back().url,
            "http://localhost:8888" + kOrg + "/workspaces?limit=1000&offset=0&sorts=name%3Aasc");
  h.stdoutTerminal = true;
  auto l = h.run({"workspace", "ls"});
  std::vector<std::size_t> w{9, 8};
  EXPECT_EQ(l.out, row({"NAME", "ID"}, w) + "\033[1;32m" + row({"Prod", "ws1"}, w).substr(0, 18) +
                       "\033[0m\n" + row({"Dev", "ws2"}, w));
  h.stdoutTerminal = false;
  auto j = h.run({"workspace", "list", "-o", "json"});
  EXPECT_EQ(json::parse(j.out).at("workspaces").at(0).at("name"), "Prod");
  auto sel = h.run({"workspace", "switch"}, "2\n");
  EXPECT_THAT(sel.out, StartsWith(" #     NAME     ID      \n"));
  EXPECT_THAT(h.readConfig(), HasSubstr("workspace: ws2"));
  auto none = h.run({"workspace", "switch", "Nope"});
  EXPECT_EQ(none.code, 3);
  EXPECT_EQ(none.err, "Error: workspace id/name could not be found\n");
  auto closed = h.run({"workspace", "switch"});
  EXPECT_EQ(closed.code, 3);
  EXPECT_THAT(closed.err, HasSubstr("candidates: \"Prod\" (ws1), \"Dev\" (ws2)"));
}

TEST_F(AccessCommandTest, OrganizationSwitchWorkspaceFlag) {
  h.api.workspaces.push_back(h.api.workspace("ws1", "Prod"));
  auto r = h.run({"organization", "switch", "test-org", "-w", "ws1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "You selected the same organization as the current one. No switch was made\n"
            " CONTROLPLANE                        WORKSPACE                           \n"
            " localhost                           ws1                                 \n");
  auto bad = h.run({"organization", "switch", "test-org", "-w", "nope"});
  EXPECT_EQ(bad.code, 3);
  EXPECT_EQ(bad.err, "Error: workspace id/name could not be found\n");
}

TEST_F(AccessCommandTest, WorkspaceTeamAdd) {
  h.api.workspaces.push_back(h.api.workspace("ws1", "Prod"));
  auto bad = h.run({"workspace", "team", "add", "team1", "--workspace-id", "ws1", "-r", "OWNER"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.err, kWsRoleError);
  EXPECT_TRUE(h.api.requests.empty());
  auto noWs = h.run({"workspace", "team", "add", "team1"});
  EXPECT_EQ(noWs.code, 1);
  EXPECT_TRUE(h.api.requests.empty());

  auto r = h.run({"wo", "te", "add", "team1", "--workspace-id", "ws1", "-r", "WORKSPACE_OPERATOR"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Astro Team Data was successfully added to the Workspace with role "
                   "WORKSPACE_OPERATOR\n");
  auto posts = h.api.matching("POST", kOrg + "/teams/team1/roles");
  ASSERT_EQ(posts.size(), 1u);
  // The team keeps its organization role; the workspace role is added.
  EXPECT_EQ(json::parse(*posts[0].body), json::parse(R"({"organizationRole":"ORGANIZATION_MEMBER",
    "workspaceRoles":[{"workspaceId":"ws1","role":"WORKSPACE_OPERATOR"}]})"));
  auto again =
      h.run({"workspace", "team", "add", "team1", "--workspace-id", "ws1", "-r", "WORKSPACE_OPERATOR"});
  EXPECT_EQ(again.code, 1);
  EXPECT_EQ(again.err, "Error: this Team has already been added to the Workspace with that role\n");
  // The default role is WORKSPACE_MEMBER; it replaces the team's role on that workspace.
  auto member = h.run({"workspace", "team", "add", "team1", "--workspace-id", "ws1"});
  ASSERT_EQ(member.code, 0) << member.err;
  ASSERT_TRUE(h.api.teams[0].workspaceRoles);
  EXPECT_EQ(*h.api.teams[0].workspaceRoles,
            (std::vector<core::WorkspaceRoleEntry>{{"ws1", "WORKSPACE_MEMBER"}}));
}

TEST_F(AccessCommandTest, WorkspaceTokenAdd) {
  h.api.workspaces.push_back(h.api.workspace("ws1", "Prod"));
  auto bad = h.run(
      {"workspace", "token", "add", "token1", "--workspace-id", "ws1", "--role", "INVALID_ROLE"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.err, kWsRoleError);
  EXPECT_TRUE(h.api.requests.empty());
  auto noWs = h.run({"workspace", "token", "add", "token1", "-r", "WORKSPACE_AUTHOR"});
  EXPECT_EQ(noWs.code, 1);
  EXPECT_EQ(noWs.err,
            "Error: no workspace selected: pass --workspace-id <WORKSPACE_ID> or choose one with "
            "astro workspace switch <WORKSPACE>\n");
  EXPECT_TRUE(h.api.requests.empty());

  auto r = h.run({"wo", "to", "add", "TOKEN1", "--workspace-id", "ws1", "-r", "WORKSPACE_AUTHOR"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Astro Organization API token Token 1 was successfully added to the Workspace\n");
  auto posts = h.api.matching("POST", kOrg + "/tokens/token1/roles");
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(json::parse(*posts[0].body), json::parse(R"({"roles":[
    {"entityType":"ORGANIZATION","entityId":"test-org-id","role":"ORGANIZATION_MEMBER"},
    {"entityType":"WORKSPACE","entityId":"ws1","role":"WORKSPACE_AUTHOR"}]})"));
  auto again = h.run({"workspace", "token", "add", "--workspace-id", "ws1", "-n", "Token 1", "-r",
                      "WORKSPACE_AUTHOR"});
  EXPECT_EQ(again.code, 1);
  EXPECT_EQ(again.err,
            "Error: this Organization API token has already been added to the Workspace with that "
            "role\n");
  auto roles = h.run({"organization", "token", "roles", "token1"});
  std::vector<std::size_t> w{17, 16, 24};
  EXPECT_EQ(roles.out, row({"ENTITY_TYPE", "ENTITY_ID", "ROLE"}, w) +
                           row({"ORGANIZATION", "test-org-id", "ORGANIZATION_MEMBER"}, w) +
                           row({"WORKSPACE", "ws1", "WORKSPACE_AUTHOR"}, w));
  // The context's workspace is the default; the role selector runs without --role.
  h.run({"workspace", "switch", "ws1"});
  auto sel = h.run({"workspace", "token", "add", "token2"}, "4\n");
  ASSERT_EQ(sel.code, 0) << sel.err;
  EXPECT_THAT(sel.out, StartsWith("select a Workspace Role for the Organization Token:\n #     "
                                  "ROLE                   \n 1     WORKSPACE_MEMBER       \n"));
  EXPECT_EQ(h.api.tokens[1].roles.back().role, "WORKSPACE_OWNER");
  auto missing = h.run({"workspace", "token", "add", "-n", "Nope", "-r", "WORKSPACE_MEMBER"});
  EXPECT_EQ(missing.code, 3);
  EXPECT_EQ(missing.err, "Error: organization token specified was not found\n");
}

}  // namespace
}  // namespace astro::testing
