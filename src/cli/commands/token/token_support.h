// Helpers the token commands share: input validation before any request (departure 2), the
// organization role selector (reference §1.7), and display helpers.
#pragma once

#include <optional>
#include <string>

#include "cli/environment.h"
#include "core/result.h"
#include "core/tokens/api_token.h"

namespace astro::cli {

core::Result<void> validateRoleFlag(const std::string& role);  // "" is allowed (not given)
core::Result<void> validateExpirationFlag(const std::optional<int>& days);
core::Result<void> validateNameFlag(const std::string& name);  // "" is allowed
core::Result<void> validateDescriptionFlag(const std::string& description);

// Prints `title`, then the #/ROLE selector; returns the chosen role.
core::Result<std::string> selectOrganizationRole(Environment& env, const std::string& title);

// Bold on a colour terminal only.
std::string bold(const Environment& env, const std::string& s);
// CREATED BY: createdBy.fullName, else apiTokenName, else "".
std::string createdByOf(const core::ApiToken& t);

// create and rotate share their output (reference §3.14.3/§3.14.5).
void printIssuedToken(Environment& env, const std::string& name, const std::string& verb,
                      const core::ApiToken& t);

}  // namespace astro::cli
