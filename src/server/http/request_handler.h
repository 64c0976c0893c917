// RequestHandler: what a session hands each complete request to. Runs on the session's I/O
// thread; must be thread-safe (many sessions call it at once).
#pragma once

#include <string_view>

#include "server/http/http_message.h"

namespace astro::server::http {

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // Fills `res` (status, body). Returns the matched route template for the log line
  // ("-" when no route matched); it must outlive the handler (static or owned by the router).
  virtual std::string_view handle(const HttpRequest& req, HttpResponse& res) = 0;
};

}  // namespace astro::server::http
