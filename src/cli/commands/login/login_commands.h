// `astro login [DOMAIN] --token-login TOKEN` and `astro logout [DOMAIN]` (reference §4.1, §4.2;
// design-notes "CLI": only API-token login exists on this server).
#pragma once

#include <string>

#include "cli/environment.h"

namespace astro::cli {

struct LoginOptions {
  std::string domain;
  std::string token;
  bool loginLink = false;  // accepted; browser login is not available
  bool oauth = false;      // accepted; APC only
};
struct LogoutOptions {
  std::string domain;
};

int runLogin(const LoginOptions& o, Environment& env);
int runLogout(const LogoutOptions& o, Environment& env);

}  // namespace astro::cli
