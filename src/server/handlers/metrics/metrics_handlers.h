// /metrics: the server's counters in the Prometheus text format, without authentication (as
// /healthz and /readyz; product.md). It names routes and counts, never a token, user or address.
#pragma once

#include "server/handlers/handler_context.h"

namespace astro::server::handlers {

void addMetricsRoutes(ApiRouter& router);

}  // namespace astro::server::handlers
