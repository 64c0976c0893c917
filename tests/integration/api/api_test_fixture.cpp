#include "api_test_fixture.h"

#include <boost/json/serialize.hpp>

#include <random>

#include "core/ids.h"
#include "core/tokens/token_codec.h"
#include "server/logging/logging.h"

namespace astro::test {

void ApiTest::SetUp() {
  // Request lines would drown the test output; the logging test turns them on for itself.
  server::logging::setLevel(server::logging::Level::Warn);
  std::random_device rd;
  dir = std::filesystem::temp_directory_path() /
        ("astro-api-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  clock = std::make_unique<service::FakeClock>(
      std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  store = std::make_unique<store::SqliteStore>(
      store::SqliteOptions{.path = (dir / "astro.db").string(), .create = true});
  service::ServiceSettings serviceSettings;
  adjustServices(serviceSettings);
  services = std::make_unique<service::Services>(*store, *clock, service::osRandomBytes(),
                                                 serviceSettings);
  auto init = services->organizations.init("Acme", "owner@example.com");
  ASSERT_TRUE(init.ok()) << init.error().message;
  ASSERT_TRUE(init->created);
  orgId = init->organization.id;
  ownerUserId = init->ownerUserId;
  ownerToken = init->tokenValue;
  ownerTokenId = init->tokenId;

  settings.host = "127.0.0.1";
  settings.port = 0;
  settings.threads = 2;
  settings.handleSignals = false;
  settings.maxBodyBytes = 64 * 1024;
  settings.maxHeaderBytes = 8 * 1024;
  settings.shutdownGrace = std::chrono::seconds(5);
  settings.lingerTimeout = std::chrono::milliseconds(500);
  // Tests send requests far faster than any client should: the limits are off unless a test
  // turns them on (api_rate_limit_test.cpp).
  settings.perAddress = {};
  settings.perCredential = {};
  settings.auditExports = {};
  adjust(settings);
  server = std::make_unique<server::Server>(settings, *services, *store);
  auto started = server->start();
  ASSERT_TRUE(started.ok()) << started.error().message;
  port = server->port();
}

void ApiTest::TearDown() {
  server.reset();
  services.reset();
  store.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

HttpResult ApiTest::call(std::string_view method, std::string_view target, std::string_view body,
                         std::optional<std::string> token, Headers headers) {
  TestConnection c(port);
  if (token) headers.emplace_back("Authorization", "Bearer " + *token);
  bool typed = false;
  for (const auto& h : headers) typed = typed || h.first == "Content-Type";
  if (!body.empty() && !typed) headers.emplace_back("Content-Type", "application/json");
  return c.request(method, target, body, headers);
}

HttpResult ApiTest::get(std::string_view target, std::optional<std::string> token) {
  return call("GET", target, {}, token ? token : ownerToken);
}

HttpResult ApiTest::post(std::string_view target, const boost::json::value& body,
                         std::optional<std::string> token) {
  return call("POST", target, boost::json::serialize(body), token ? token : ownerToken);
}

HttpResult ApiTest::del(std::string_view target, std::optional<std::string> token) {
  return call("DELETE", target, {}, token ? token : ownerToken);
}

boost::json::object ApiTest::createToken(const std::string& name, const std::string& role,
                                         std::optional<int> expiryDays) {
  boost::json::object body{{"name", name}, {"role", role}, {"scope", "ORGANIZATION"}};
  if (expiryDays) body["tokenExpiryPeriodInDays"] = *expiryDays;
  auto r = post(tokensPath(), body);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().as_object();
}

std::string ApiTest::addMember(const std::string& email, core::OrgRole role,
                               const std::string& orgOverride) {
  auto random = service::osRandomBytes();
  store::UserRecord user;
  user.id = core::generateId(random);
  user.email = email;
  user.fullName = email.substr(0, email.find('@'));
  user.createdAt = user.updatedAt = clock->now();
  store::MembershipRecord m;
  m.organizationId = orgOverride.empty() ? orgId : orgOverride;
  m.userId = user.id;
  m.role = role;
  m.createdAt = m.updatedAt = clock->now();
  auto tx = store->begin(store::Store::Mode::Write);
  tx->users().insert(user);
  tx->users().upsertMembership(m);
  tx->commit();
  return user.id;
}

std::string ApiTest::tokenWithRole(const std::string& role) {
  return str(createToken(role + " token", role).at("token"));
}

std::string ApiTest::createTeam(const std::string& name, const std::string& org) {
  auto r = post("/v1/organizations/" + (org.empty() ? orgId : org) + "/teams",
                boost::json::object{{"name", name}});
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? str(r.json().at("id")) : std::string();
}

std::string ApiTest::createWorkspace(const std::string& name, const std::string& org,
                                     std::optional<std::string> token) {
  auto r = post("/v1/organizations/" + (org.empty() ? orgId : org) + "/workspaces",
                boost::json::object{{"name", name}}, token);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? str(r.json().at("id")) : std::string();
}

ApiTest::OtherOrg ApiTest::addSecondOrganization() {
  auto random = service::osRandomBytes();
  auto now = clock->now();
  core::Organization org;
  org.id = core::generateId(random);
  org.name = "Other Org";
  org.createdAt = org.updatedAt = now;
  org.createdBy.id = org.updatedBy.id = ownerUserId;
  org.createdBy.subjectType = org.updatedBy.subjectType = core::SubjectType::User;

  std::string value = core::generateTokenValue(core::TokenScopeTag::Organization, "", random);
  store::TokenRecord rec;
  rec.organizationId = org.id;
  rec.valueHash = core::hashTokenValue(value);
  rec.token.id = core::generateId(random);
  rec.token.name = "other owner";
  rec.token.shortToken = core::shortTokenOf(value);
  rec.token.roles = {{"ORGANIZATION", org.id, "ORGANIZATION_OWNER", std::nullopt}};
  rec.token.startAt = rec.token.createdAt = rec.token.updatedAt = now;

  auto tx = store->begin(store::Store::Mode::Write);
  tx->organizations().insert(org);
  tx->tokens().insert(rec);
  tx->commit();
  return {org.id, value};
}

}  // namespace astro::test
