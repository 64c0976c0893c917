// Workspace endpoints (/v1/organizations/{org}/workspaces...).
#pragma once

#include "server/handlers/handler_context.h"

namespace astro::server::handlers {

void addWorkspaceRoutes(ApiRouter& router);

}  // namespace astro::server::handlers
