// The shared token lookup (reference §3.14.0, GetTokenFromInputOrUser): by ID, by exact name,
// or by numbered selection; with departure 4 when no answer can be read.
#pragma once

#include <string>

#include "cli/factory.h"
#include "core/tokens/api_token.h"

namespace astro::cli {

inline constexpr const char* kTokenNotFound = "organization token specified was not found";
inline constexpr const char* kTokenSelectionInvalid = "invalid Organization API token selection";
inline constexpr const char* kWrongTokenType =
    "the token selected is not of the type you are trying to modify";

// `command` is the command line for the non-interactive hint, e.g.
// "astro organization token update".
core::Result<core::ApiToken> lookUpToken(Environment& env, Session& s, const std::string& id,
                                         const std::string& name, const std::string& command);
std::string lowerCase(std::string s);

}  // namespace astro::cli
