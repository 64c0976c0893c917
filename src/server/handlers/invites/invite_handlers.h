// Invite endpoints (/v1/organizations/{org}/invites...).
#pragma once

#include "server/handlers/handler_context.h"

namespace astro::server::handlers {

void addInviteRoutes(ApiRouter& router);

}  // namespace astro::server::handlers
