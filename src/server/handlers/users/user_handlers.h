// User endpoints (/v1/users/self).
#pragma once

#include "server/handlers/handler_context.h"

namespace astro::server::handlers {

void addUserRoutes(ApiRouter& router);

}  // namespace astro::server::handlers
