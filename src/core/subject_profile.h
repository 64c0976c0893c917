// BasicSubjectProfile: who created or changed an object (a user, or an API token acting).
#pragma once

#include <optional>
#include <string>

namespace astro::core {

enum class SubjectType { User, ServiceKey };  // JSON "USER" / "SERVICEKEY"

struct BasicSubjectProfile {
  std::string id;
  SubjectType subjectType = SubjectType::User;
  std::optional<std::string> fullName;      // USER only
  std::optional<std::string> username;      // USER only
  std::optional<std::string> avatarUrl;     // USER only
  std::optional<std::string> apiTokenName;  // SERVICEKEY only
  bool operator==(const BasicSubjectProfile&) const = default;
};

}  // namespace astro::core
