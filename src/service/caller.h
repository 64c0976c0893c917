// Who is making a request (an authenticated subject) and from where: the input of every
// service call. Built by AuthService::authenticate, or by tests directly.
#pragma once

#include <optional>
#include <string>

#include "core/roles/roles.h"
#include "core/subject_profile.h"

namespace astro::service {

struct Subject {
  core::SubjectType type = core::SubjectType::User;
  std::string id;              // user ID, or API token ID
  std::string organizationId;  // a token's own organization; for a user, empty (see memberships)
  std::string name;            // user's full name (or e-mail) or the token's name
  // For a token: its ORGANIZATION role in its own organization (absent: no org role).
  std::optional<core::OrgRole> tokenOrgRole;
  core::BasicSubjectProfile profile;  // as shown in createdBy / updatedBy
};

struct RequestMeta {
  std::string requestId;
  std::string sourceAddress;
  std::string userAgent;
};

struct Caller {
  Subject subject;
  RequestMeta meta;
};

}  // namespace astro::service
