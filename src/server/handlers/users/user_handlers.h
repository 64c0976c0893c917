// User endpoints: /v1/users/self and the members of an organization
// (/v1/organizations/{org}/users...).
#pragma once

#include "server/handlers/handler_context.h"

namespace astro::server::handlers {

void addUserRoutes(ApiRouter& router);

}  // namespace astro::server::handlers
