// The roles resource (GET /organizations/{org}/roles): the built-in (default) roles with their
// permissions, and custom roles (none exist yet; the shape is kept).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/subject_profile.h"
#include "core/time_format.h"

namespace astro::core {

struct DefaultRole {
  std::string name;
  std::optional<std::string> description;
  std::vector<std::string> permissions;
  std::string scopeType;  // ORGANIZATION | WORKSPACE | …
  bool operator==(const DefaultRole&) const = default;
};

struct CustomRole {
  std::string id;
  std::string name;
  std::optional<std::string> description;
  std::string scopeType;
  std::vector<std::string> restrictedWorkspaceIds;
  Timestamp createdAt{};
  Timestamp updatedAt{};
  BasicSubjectProfile createdBy;
  BasicSubjectProfile updatedBy;
  bool operator==(const CustomRole&) const = default;
};

struct RolesPage {
  std::vector<CustomRole> roles;
  std::optional<std::vector<DefaultRole>> defaultRoles;
  int limit = 20;
  int offset = 0;
  std::int64_t totalCount = 0;  // custom roles only
};

// The built-in roles, organization roles first (OWNER, BILLING_ADMIN, MEMBER), then workspace
// roles (OWNER, OPERATOR, AUTHOR, MEMBER), each with its permission strings.
const std::vector<DefaultRole>& defaultRoles();

}  // namespace astro::core
