// Invites to an organization and the requests that change a user's roles (reference §8).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/subject_profile.h"
#include "core/time_format.h"
#include "core/tokens/api_token.h"

namespace astro::core {

struct Invite {
  std::string inviteId;
  std::string organizationId;
  std::optional<std::string> organizationName;
  Timestamp expiresAt{};
  BasicSubjectProfile invitee;
  BasicSubjectProfile inviter;
  std::optional<std::string> userId;
  bool operator==(const Invite&) const = default;
};

struct CreateUserInviteRequest {
  std::string inviteeEmail;
  std::string role;
};

struct UpdateUserRolesRequest {
  std::optional<std::string> organizationRole;
  std::optional<std::vector<WorkspaceRoleEntry>> workspaceRoles;
  std::optional<std::vector<DeploymentRoleEntry>> deploymentRoles;
};

}  // namespace astro::core
