// ApiHandler: the astro-server request pipeline behind the transport. Routes the request
// (404/405), authenticates /v1 routes through AuthService (401), runs the route's handler and
// turns anything it throws into a 500 without internal detail. Every refusal (4xx) is handed to
// the service layer's RefusalAudit with what happened; the service decides what is recorded.
// Thread-safe after construction.
#pragma once

#include <string_view>

#include "server/handlers/handler_context.h"
#include "server/http/request_handler.h"

namespace astro::server::handlers {

class ApiHandler : public http::RequestHandler {
 public:
  struct Options {
    http::RateLimit auditExports;               // how often one credential may export
    const metrics::Metrics* metrics = nullptr;  // what /metrics shows (none: an empty page)
  };
  ApiHandler(service::Services& services, store::Store& store, Options options);
  ApiHandler(service::Services& services, store::Store& store)
      : ApiHandler(services, store, Options{}) {}
  std::string_view handle(const http::HttpRequest& req, http::HttpResponse& res) override;
  // False (answered on the I/O thread) for a route that needs only memory, and for a read when
  // reads never wait (Store::readsMayWait: SQLite in WAL mode) and authentication does not write
  // (lastUsedAt batched): handing those to a worker and back cost half the throughput of a cached
  // get on 2 cores; and when no route matches (a refusal only counts: RefusalAudit has a writer
  // of its own). True otherwise.
  bool mayBlock(const http::HttpRequest& req) const override;
  // Audits the refusal like one of handle()'s before authentication (ANONYMOUS, in the
  // organization of the path when it exists; aggregated, see RefusalAudit).
  std::string_view refused(const http::HttpRequest& req, const core::Error& error) noexcept override;

 private:
  http::RateLimiter auditExports_;
  AppContext app_;
  ApiRouter router_;
  const bool readsInline_;  // reads never wait: see mayBlock
};

}  // namespace astro::server::handlers
