// Pure input rules of the access model: e-mail addresses (invites), team and workspace names and
// descriptions. Shared by the service (authoritative) and, when it wants, the CLI.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace astro::core {

inline constexpr std::size_t kMaxEmailLength = 254;
inline constexpr std::size_t kMaxAccessNameLength = 256;
inline constexpr std::size_t kMaxAccessDescriptionLength = 1024;

// A sane e-mail shape: local@domain, exactly one '@', no whitespace or control characters, at
// most 254 bytes, a domain with an inner dot and no empty label.
bool isValidEmail(std::string_view email);
// ASCII lower-casing (e-mail addresses are compared lower-cased).
std::string lowerAscii(std::string_view s);

// `field` is the request field the error names.
std::optional<FieldError> validateEmail(std::string_view email, std::string field);
// Required, not blank, at most 256 bytes, human-readable single-line text (text_rules.h). `what`
// is e.g. "team name".
std::optional<FieldError> validateAccessName(std::string_view name, std::string field,
                                             std::string_view what);
// At most 1024 bytes of human-readable text (text_rules.h); tab and newline allowed.
std::optional<FieldError> validateAccessDescription(std::string_view description,
                                                    std::string field);
// The `name` and optional `description` fields of a team or workspace request, appended to
// `errors`; `what` is e.g. "team name".
void validateNameAndDescription(std::string_view name,
                                const std::optional<std::string>& description,
                                std::string_view what, std::vector<FieldError>& errors);

}  // namespace astro::core
