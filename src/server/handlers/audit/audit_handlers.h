// Audit-log export (GET /v1/organizations/{org}/audit-logs): NDJSON, gzip-encoded when the
// client accepts gzip.
#pragma once

#include "server/handlers/handler_context.h"

namespace astro::server::handlers {

void addAuditRoutes(ApiRouter& router);

}  // namespace astro::server::handlers
