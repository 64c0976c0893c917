// The ApiToken resource and its request bodies, as the Astro v1 API names them (reference §8).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/subject_profile.h"
#include "core/time_format.h"

namespace astro::core {

struct ApiTokenRole {
  std::string entityType;  // ORGANIZATION | WORKSPACE | DEPLOYMENT | DAG | DAG_TAG
  std::string entityId;
  std::string role;
  std::optional<std::string> deploymentId;
  bool operator==(const ApiTokenRole&) const = default;
};

struct ApiToken {
  std::string id;
  std::string name;
  std::string description;
  std::string shortToken;
  std::optional<std::string> token;  // the value: present only in create and rotate responses
  std::string scope = "ORGANIZATION";
  std::string kind = "STANDARD";
  std::vector<ApiTokenRole> roles;
  std::optional<int> expiryPeriodInDays;
  Timestamp startAt{};
  std::optional<Timestamp> endAt;
  std::optional<Timestamp> lastRotatedAt;
  std::optional<Timestamp> lastUsedAt;
  Timestamp createdAt{};
  Timestamp updatedAt{};
  std::optional<BasicSubjectProfile> createdBy;
  std::optional<BasicSubjectProfile> updatedBy;
  bool operator==(const ApiToken&) const = default;

  // The role of the first ORGANIZATION entry, or "" (what the CLI's ROLE columns show).
  std::string organizationRole() const;
};

struct CreateApiTokenRequest {
  std::string name;
  std::optional<std::string> description;
  std::string role;
  std::string scope;
  std::optional<std::string> entityId;
  std::optional<std::string> kind;
  std::optional<int> tokenExpiryPeriodInDays;
};

struct UpdateApiTokenRequest {
  std::string name;
  std::optional<std::string> description;
  std::optional<int> tokenExpiryPeriodInDays;  // our addition (product.md)
};

struct UpdateApiTokenRolesRequest {
  std::vector<ApiTokenRole> roles;
};

// SubjectRoles: the response of every ".../roles" update.
struct WorkspaceRoleEntry {
  std::string workspaceId;
  std::string role;
  bool operator==(const WorkspaceRoleEntry&) const = default;
};
struct DeploymentRoleEntry {
  std::string deploymentId;
  std::string role;
  bool operator==(const DeploymentRoleEntry&) const = default;
};
struct SubjectRoles {
  std::optional<std::string> organizationRole;
  std::optional<std::vector<WorkspaceRoleEntry>> workspaceRoles;
  std::optional<std::vector<DeploymentRoleEntry>> deploymentRoles;
  bool operator==(const SubjectRoles&) const = default;
};

// Token list filters (ListApiTokensParams subset).
struct TokenListFilter {
  bool includeOnlyOrganizationTokens = false;
  std::optional<std::string> workspaceId;
};

}  // namespace astro::core
