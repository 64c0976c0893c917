// Organization endpoints (/v1/organizations, /v1/organizations/{org}).
#pragma once

#include "server/handlers/handler_context.h"

namespace astro::server::handlers {

void addOrganizationRoutes(ApiRouter& router);

}  // namespace astro::server::handlers
