// Every route of the API, registered in one place: ApiHandler builds its router with it, and the
// permission test enumerates the same router (a route without a test entry fails that test).
#pragma once

#include "server/handlers/handler_context.h"

namespace astro::server::handlers {

void addApiRoutes(ApiRouter& router);

}  // namespace astro::server::handlers
