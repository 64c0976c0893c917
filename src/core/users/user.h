// The User resource and the /users/self shape.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time_format.h"
#include "core/tokens/api_token.h"

namespace astro::core {

struct User {
  std::string id;
  std::string username;  // the e-mail address
  std::string fullName;
  std::string avatarUrl;
  std::string status = "ACTIVE";  // ACTIVE | BANNED | INACTIVE | PENDING
  Timestamp createdAt{};
  Timestamp updatedAt{};
  std::optional<std::string> organizationRole;
  std::optional<std::vector<WorkspaceRoleEntry>> workspaceRoles;
  bool operator==(const User&) const = default;
};

struct SelfUser {
  std::string id;
  std::string username;
  std::string fullName;
  std::string avatarUrl;
  std::string status = "ACTIVE";
  Timestamp createdAt{};
  Timestamp updatedAt{};
  std::optional<std::string> organizationId;
  std::optional<SubjectRoles> roles;
  bool operator==(const SelfUser&) const = default;
};

}  // namespace astro::core
