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
  // What the handler waits on, which decides where it runs (ApiHandler::mayBlock).
  enum class Work {
    Store,        // as its method says: GET and HEAD read, the others write
    StoreWrites,  // writes although it is a GET (the audit export writes pending refusals first)
    Memory,       // neither the store nor the disk (/healthz, /metrics): always on the I/O thread
  };
  Work work = Work::Store;
};

using ApiRouter = http::Router<RouteHandler>;

}  // namespace astro::server::handlers
