// ApiTest: a real astro-server (in-process, 127.0.0.1, a free port) over a throwaway SQLite file,
// bootstrapped with OrganizationService::init, and helpers that talk to it over TCP.
// The services run on a FakeClock, so expiry is tested by moving the clock, never by sleeping.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/value.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/roles/roles.h"
#include "http_test_client.h"
#include "server/http/server_settings.h"
#include "server/server.h"
#include "service/clock.h"
#include "service/services.h"
#include "store/sqlite/sqlite_store.h"

namespace astro::test {

// A JSON string's text (for comparisons in tests); "<not a string>" otherwise.
inline std::string str(const boost::json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : std::string("<not a string>");
}

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Override to change limits before the server starts.
  virtual void adjust(server::ServerSettings&) {}
  // Override to change the services' settings before they are made.
  virtual void adjustServices(service::ServiceSettings&) {}

  // One request on a fresh connection; `token` empty: no Authorization header.
  HttpResult call(std::string_view method, std::string_view target, std::string_view body = {},
                  std::optional<std::string> token = std::nullopt, Headers headers = {});
  HttpResult get(std::string_view target, std::optional<std::string> token = std::nullopt);
  HttpResult post(std::string_view target, const boost::json::value& body,
                  std::optional<std::string> token = std::nullopt);
  HttpResult del(std::string_view target, std::optional<std::string> token = std::nullopt);

  std::string tokensPath() const { return "/v1/organizations/" + orgId + "/tokens"; }
  // "/v1/organizations/<orgId><suffix>".
  std::string orgPath(std::string_view suffix = {}) const {
    return "/v1/organizations/" + orgId + std::string(suffix);
  }
  // A user who is a member of the organization with `role`, written straight to the store
  // (accepting invites is not an API yet). Returns the user's id.
  std::string addMember(const std::string& email, core::OrgRole role = core::OrgRole::Member,
                        const std::string& orgOverride = {});
  // A token with `role` made through the API; returns its value.
  std::string tokenWithRole(const std::string& role);
  // Created through the API with the owner token; return the new object's id.
  std::string createTeam(const std::string& name, const std::string& org = {});
  std::string createWorkspace(const std::string& name, const std::string& org = {},
                              std::optional<std::string> token = std::nullopt);
  // Creates a token through the API with the owner token; returns the response body.
  boost::json::object createToken(const std::string& name,
                                  const std::string& role = "ORGANIZATION_OWNER",
                                  std::optional<int> expiryDays = std::nullopt);
  // A second organization with an OWNER token of its own, written straight to the store.
  struct OtherOrg {
    std::string orgId;
    std::string token;
  };
  OtherOrg addSecondOrganization();

  std::filesystem::path dir;
  std::unique_ptr<service::FakeClock> clock;
  std::unique_ptr<store::SqliteStore> store;
  std::unique_ptr<service::Services> services;
  std::unique_ptr<server::Server> server;
  server::ServerSettings settings;
  std::uint16_t port = 0;
  std::string orgId, ownerUserId, ownerToken, ownerTokenId;
};

}  // namespace astro::test
