// Workspaces: the second level of the access model (reference §8).
#pragma once

#include <optional>
#include <string>

#include "core/subject_profile.h"
#include "core/time_format.h"

namespace astro::core {

struct Workspace {
  std::string id;
  std::string name;
  std::string organizationId;
  std::optional<std::string> organizationName;
  std::optional<std::string> description;
  bool cicdEnforcedDefault = false;
  Timestamp createdAt{};
  Timestamp updatedAt{};
  std::optional<BasicSubjectProfile> createdBy;
  std::optional<BasicSubjectProfile> updatedBy;
  bool operator==(const Workspace&) const = default;
};

struct CreateWorkspaceRequest {
  std::string name;
  std::optional<std::string> description;
  std::optional<bool> cicdEnforcedDefault;
};

struct UpdateWorkspaceRequest {
  std::string name;
  std::optional<std::string> description;
  std::optional<bool> cicdEnforcedDefault;
};

}  // namespace astro::core
