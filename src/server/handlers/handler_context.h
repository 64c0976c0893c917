// What an API handler gets: the request, its route parameters, the authenticated caller and the
// services; and where it writes the response. Handlers parse, call one service, serialize:
// every rule lives in the service layer.
#pragma once

#include <optional>

#include "core/error.h"
#include "server/http/http_message.h"
#include "server/http/rate_limiter.h"
#include "server/http/router.h"
#include "server/metrics/metrics.h"
#include "service/caller.h"
#include "service/services.h"
#include "store/store.h"

namespace astro::server::handlers {

struct AppContext {
  service::Services& services;
  store::Store& store;
  http::RateLimiter& auditExports;  // per credential (ServerSettings::auditExports)
  const metrics::Metrics* metrics;  // for /metrics; may be null
};

struct RequestContext {
  const http::HttpRequest& request;
  const http::RouteParams& params;
  AppContext& app;
  http::HttpResponse& response;
  service::Caller caller;  // set before the handler runs when the route needs authentication
  // The error the request was answered with (respondError), handed to the audit of refusals.
  std::optional<core::Error> refusal;
};

using HandlerFn = void (*)(RequestContext&);

struct RouteHandler {
  HandlerFn fn = nullptr;
  bool authenticated = true;  // false only for /healthz, /readyz and /metrics
  // False only where the handler touches neither the store nor the disk (/healthz, /metrics):
  // those are answered on the I/O thread (RequestHandler::mayBlock).
  bool mayBlock = true;
};

using ApiRouter = http::Router<RouteHandler>;

}  // namespace astro::server::handlers
