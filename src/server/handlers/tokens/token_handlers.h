// Organization API token endpoints (/v1/organizations/{org}/tokens...).
#pragma once

#include "server/handlers/handler_context.h"

namespace astro::server::handlers {

void addTokenRoutes(ApiRouter& router);

}  // namespace astro::server::handlers
