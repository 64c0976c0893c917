#include "core/validation/access_validation.h"

#include "core/validation/text_rules.h"

namespace astro::core {
namespace {

bool isBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

bool isValidEmail(std::string_view e) {
  if (e.empty() || e.size() > kMaxEmailLength) return false;
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos)
    return false;
  for (unsigned char c : e)
    if (c <= 0x20 || c == 0x7f) return false;
  const std::string_view domain = e.substr(at + 1);
  return !domain.empty() && domain.find('.') != std::string_view::npos && domain.front() != '.' &&
         domain.back() != '.' && domain.find("..") == std::string_view::npos;
}

std::string lowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<FieldError> validateEmail(std::string_view email, std::string field) {
  if (email.empty())
    return FieldError{"required", std::move(field), "an e-mail address is required"};
  if (email.size() > kMaxEmailLength)
    return FieldError{"too_long", std::move(field), "the e-mail address must be at most 254 bytes"};
  if (!isValidEmail(email))
    return FieldError{"invalid", std::move(field),
                      core::echoValue(email) + " is not a valid e-mail address"};
  // Its local part becomes an invited user's full name, shown in tables.
  if (auto problem = unsafeTextProblem(email, TextLines::Single))
    return FieldError{"invalid", std::move(field), "the e-mail address " + *problem};
  return std::nullopt;
}

std::optional<FieldError> validateAccessName(std::string_view name, std::string field,
                                             std::string_view what) {
  if (isBlank(name))
    return FieldError{"required", std::move(field), std::string(what) + " must not be empty"};
  if (name.size() > kMaxAccessNameLength)
    return FieldError{"too_long", std::move(field),
                      std::string(what) + " must be at most 256 bytes"};
  if (auto problem = unsafeTextProblem(name, TextLines::Single))
    return FieldError{"invalid", std::move(field), std::string(what) + " " + *problem};
  return std::nullopt;
}

void validateNameAndDescription(std::string_view name,
                                const std::optional<std::string>& description,
                                std::string_view what, std::vector<FieldError>& errors) {
  if (auto e = validateAccessName(name, "name", what)) errors.push_back(*e);
  if (description)
    if (auto e = validateAccessDescription(*description, "description")) errors.push_back(*e);
}

std::optional<FieldError> validateAccessDescription(std::string_view d, std::string field) {
  if (d.size() > kMaxAccessDescriptionLength)
    return FieldError{"too_long", std::move(field), "description must be at most 1024 bytes"};
  if (auto problem = unsafeTextProblem(d, TextLines::Multi))
    return FieldError{"invalid", std::move(field), "description " + *problem};
  return std::nullopt;
}

}  // namespace astro::core
