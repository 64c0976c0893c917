#include "core/tokens/token_validation.h"

#include "core/validation/text_rules.h"

namespace astro::core {
namespace {
bool isBlank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }
}  // namespace

std::optional<FieldError> validateTokenName(std::string_view name, std::string_view field) {
  if (isBlank(name)) return FieldError{"required", std::string(field), "name must not be empty"};
  if (name.size() > kMaxTokenNameLength)
    return FieldError{"too_long", std::string(field), "name must be at most 256 bytes"};
  if (auto problem = unsafeTextProblem(name, TextLines::Single))
    return FieldError{"invalid", std::string(field), "name " + *problem};
  return std::nullopt;
}

std::optional<FieldError> validateTokenDescription(std::string_view d, std::string_view field) {
  if (d.size() > kMaxTokenDescriptionLength)
    return FieldError{"too_long", std::string(field), "description must be at most 1024 bytes"};
  if (auto problem = unsafeTextProblem(d, TextLines::Multi))
    return FieldError{"invalid", std::string(field), "description " + *problem};
  return std::nullopt;
}

std::optional<FieldError> validateExpiryDays(int days, std::string_view field) {
  if (days < kMinExpiryDays || days > kMaxExpiryDays)
    return FieldError{"out_of_range", std::string(field), "must be between 1 and 3650 days"};
  return std::nullopt;
}

}  // namespace astro::core
