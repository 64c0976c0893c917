// Liveness and readiness probes (/healthz, /readyz): no authentication.
#pragma once

#include "server/handlers/handler_context.h"

namespace astro::server::handlers {

void addHealthRoutes(ApiRouter& router);

}  // namespace astro::server::handlers
