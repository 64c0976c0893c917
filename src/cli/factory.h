// Builds what a command needs to talk to the server: the current context (ASTRO_DOMAIN or the
// config's `context`), the credential (ASTRO_API_TOKEN for this process only — never written —
// or the stored "Bearer …" token) and an ApiClient over the Environment's transport.
#pragma once

#include <memory>
#include <string>

#include "cli/config.h"
#include "cli/environment.h"
#include "client/api_client.h"
#include "core/result.h"

namespace astro::cli {

inline constexpr const char* kNoContextMessage =
    "no context set, have you authenticated to Astro or APC? Run astro login and try again";
inline constexpr const char* kNotConnectedMessage =
    "not connected, have you authenticated to Astro? Run astro login and try again";
inline constexpr const char* kNoOrganizationMessage =
    "no organization found. Please contact your Astro Organization Owner to be invited to the "
    "organization";

struct ClientHandle {
  std::unique_ptr<client::HttpTransport> transport;
  std::unique_ptr<client::ApiClient> api;
};

struct Session {
  std::string domain;
  std::string organization;  // the organization ID every token path uses
  Config config;             // as read when the session opened
  ClientHandle client;
  client::ApiClient& api() { return *client.api; }
};

// "Bearer <t>" unless `t` already carries the prefix.
std::string bearer(const std::string& token);
// ASTRO_DOMAIN, else the config's current context; "" when neither.
std::string currentDomain(const Config& c, const Environment& env);
ClientHandle makeClient(Environment& env, const std::string& baseUrl,
                        const std::string& authorization);
// Reads the config and resolves context, token and organization. With ASTRO_API_TOKEN it prints
// "Using an Astro API Token" on stderr and finds the token's organization with GET /organizations.
core::Result<Session> openSession(Environment& env);

}  // namespace astro::cli
