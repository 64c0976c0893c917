// `astro organization list|switch` (reference §3.1, §3.2; -w runs the workspace switch).
#pragma once

#include <string>

#include "cli/environment.h"
#include "cli/output.h"

namespace astro::cli {

struct OrganizationListOptions {
  OutputFlags output;
};
struct OrganizationSwitchOptions {
  std::string organization;  // name or ID; "" selects interactively
  std::string workspaceId;
  bool loginLink = false;  // accepted, no effect (reference §10.3)
};

int runOrganizationList(const OrganizationListOptions& o, Environment& env);
int runOrganizationSwitch(const OrganizationSwitchOptions& o, Environment& env);

}  // namespace astro::cli
