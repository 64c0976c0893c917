// Role endpoint (GET /v1/organizations/{org}/roles): custom and default roles.
#pragma once

#include "server/handlers/handler_context.h"

namespace astro::server::handlers {

void addRoleRoutes(ApiRouter& router);

}  // namespace astro::server::handlers
