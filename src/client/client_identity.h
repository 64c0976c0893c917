// The identification headers every v1 call carries (reference §6.2).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "client/http_transport.h"

namespace astro::client {

struct ClientIdentity {
  std::string identifier = "cli";  // cli | github-action | deploy-action
  std::string version;             // x-astro-client-version
  std::string os;                  // x-client-os-identifier, e.g. linux-amd64
  std::string userAgent;           // astro-cli/<version>

  // From the environment: GITHUB_ACTIONS / DEPLOY_ACTION / DEPLOY_ACTION_VERSION.
  static ClientIdentity fromEnvironment(
      const std::function<std::optional<std::string>(const std::string&)>& getenv);
  Headers headers() const;
};

// "<os>-<arch>" of this build, in Go's GOOS-GOARCH spelling.
std::string buildOsIdentifier();
// The version compiled in (ASTRO_VERSION).
std::string cliVersion();

}  // namespace astro::client
