// RequestHandler: what a session hands each complete request to. handle() runs on a worker
// thread (or, when mayBlock says it cannot block, on the session's I/O thread); refused() on the
// I/O thread. Must be thread-safe (many sessions call it at once).
#pragma once

#include <string_view>

#include "core/error.h"
#include "server/http/http_message.h"

namespace astro::server::http {

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // Fills `res` (status, body). Returns the matched route template for the log line
  // ("-" when no route matched); it must outlive the handler (static or owned by the router).
  virtual std::string_view handle(const HttpRequest& req, HttpResponse& res) = 0;
  // False for a request whose handling never waits (no store, no disk: a liveness probe, the
  // metrics): the session answers it on its I/O thread, with no hop to a worker and back, and a
  // worker pool busy with a stalled database does not delay it.
  virtual bool mayBlock(const HttpRequest& req) const {
    (void)req;
    return true;
  }
  // A request answered before handle() with `error` (a rate limit, a body or header section over
  // its limit, framing the transport refuses, a request it cannot parse): records the refused
  // attempt (the API handler audits it, unauthenticated, in the organization of its path) and
  // returns the route template it was aimed at, as handle() does. `req` has what was read: no
  // body, and no field at all when the request line itself was not read. Must not throw.
  virtual std::string_view refused(const HttpRequest& req, const core::Error& error) noexcept {
    (void)req;
    (void)error;
    return "-";
  }
};

}  // namespace astro::server::http
