// Teams, their members and the request bodies of the team endpoints (reference §8).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/subject_profile.h"
#include "core/time_format.h"
#include "core/tokens/api_token.h"

namespace astro::core {

struct Team {
  std::string id;
  std::string name;
  std::string organizationId;
  std::optional<std::string> description;
  bool isIdpManaged = false;
  std::string organizationRole = "ORGANIZATION_MEMBER";
  std::optional<int> rolesCount;
  Timestamp createdAt{};
  Timestamp updatedAt{};
  std::optional<BasicSubjectProfile> createdBy;
  std::optional<BasicSubjectProfile> updatedBy;
  std::optional<std::vector<WorkspaceRoleEntry>> workspaceRoles;
  std::optional<std::vector<DeploymentRoleEntry>> deploymentRoles;
  bool operator==(const Team&) const = default;
};

struct TeamMember {
  std::string userId;
  std::string username;
  std::optional<std::string> fullName;
  std::optional<std::string> avatarUrl;
  std::optional<Timestamp> createdAt;
  bool operator==(const TeamMember&) const = default;
};

struct CreateTeamRequest {
  std::string name;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> memberIds;
  std::optional<std::string> organizationRole;
};

struct UpdateTeamRequest {
  std::string name;
  std::optional<std::string> description;
};

struct UpdateTeamRolesRequest {
  std::string organizationRole;  // required
  std::optional<std::vector<WorkspaceRoleEntry>> workspaceRoles;
  std::optional<std::vector<DeploymentRoleEntry>> deploymentRoles;
};

struct AddTeamMembersRequest {
  std::vector<std::string> memberIds;
};

struct TeamListFilter {
  std::vector<std::string> names;  // exact names, any of them (case-insensitive)
};

}  // namespace astro::core
