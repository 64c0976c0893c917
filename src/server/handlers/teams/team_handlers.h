// Team endpoints (/v1/organizations/{org}/teams...): teams, their members and their roles.
#pragma once

#include "server/handlers/handler_context.h"

namespace astro::server::handlers {

void addTeamRoutes(ApiRouter& router);

}  // namespace astro::server::handlers
