// Input rules for tokens, shared by the CLI (checked before any request) and the service
// (checked again, authoritative).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace astro::core {

inline constexpr std::size_t kMaxTokenNameLength = 256;
inline constexpr std::size_t kMaxTokenDescriptionLength = 1024;
inline constexpr int kMinExpiryDays = 1;
inline constexpr int kMaxExpiryDays = 3650;

// Each returns a FieldError for `field` when the value breaks a rule.
std::optional<FieldError> validateTokenName(std::string_view name, std::string_view field = "name");
std::optional<FieldError> validateTokenDescription(std::string_view d,
                                                   std::string_view field = "description");
std::optional<FieldError> validateExpiryDays(int days,
                                             std::string_view field = "tokenExpiryPeriodInDays");

// The CLI's message for an out-of-range --expiration.
inline constexpr std::string_view kInvalidExpirationMessage =
    "invalid expiration: must be a whole number of days between 1 and 3650";

}  // namespace astro::core
