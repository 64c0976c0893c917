#include "core/tokens/bearer_credential.h"

namespace astro::core {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::string_view bearerCredential(std::string_view authorization) {
  std::string_view s = trim(authorization);
  constexpr std::string_view kScheme = "bearer";
  if (s.size() >= kScheme.size()) {
    bool match = true;
    for (std::size_t i = 0; i < kScheme.size(); ++i) match = match && lower(s[i]) == kScheme[i];
    if (match &&
        (s.size() == kScheme.size() || s[kScheme.size()] == ' ' || s[kScheme.size()] == '\t'))
      return trim(s.substr(kScheme.size()));
  }
  return s;
}

}  // namespace astro::core
