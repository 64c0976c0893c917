#include "server/http/rate_limited_handler.h"

#include <cstdio>
#include <functional>
#include <string>

#include "core/tokens/bearer_credential.h"
#include "server/http/error_response.h"

namespace astro::server::http {

namespace {

bool isHealthPath(std::string_view path) {
  return path == "/healthz" || path == "/readyz" || path == "/metrics";
}

// What the audit records of a 429: the limit, without the wait (which changes from one refusal
// to the next and would keep a flood's refusals from adding up to one record).
core::Error rateLimited(std::string_view what) {
  return core::Error{core::ErrorCode::RateLimited, "too many requests " + std::string(what), {}};
}

}  // namespace

RateLimitedHandler::RateLimitedHandler(RequestHandler& next, RateLimit perAddress,
                                       RateLimit perCredential)
    : next_(next), perAddress_(perAddress), perCredential_(perCredential) {}

std::string_view RateLimitedHandler::handle(const HttpRequest& req, HttpResponse& res) {
  if (!isHealthPath(req.path)) {
    if (perAddress_.enabled()) {
      if (auto wait = perAddress_.take(clientKeyOf(req.remoteAddress))) {
        byAddress_.fetch_add(1, std::memory_order_relaxed);
        setRateLimitedResponse(res, wait, "from this address", req.requestId);
        return next_.refused(req, rateLimited("from this address"));
      }
    }
    const auto credential = core::bearerCredential(req.authorization);
    if (perCredential_.enabled() && !credential.empty()) {
      char key[24];
      std::snprintf(key, sizeof key, "%zx", std::hash<std::string_view>{}(credential));
      if (auto wait = perCredential_.take(key)) {
        byCredential_.fetch_add(1, std::memory_order_relaxed);
        setRateLimitedResponse(res, wait, "with this credential", req.requestId);
        return next_.refused(req, rateLimited("with this credential"));
      }
    }
  }
  return next_.handle(req, res);
}

void setRateLimitedResponse(HttpResponse& res, std::uint32_t retryAfterSeconds,
                            std::string_view what, std::string_view requestId) {
  setErrorResponse(res,
                   core::Error{core::ErrorCode::RateLimited,
                               "too many requests " + std::string(what) + "; retry after " +
                                   std::to_string(retryAfterSeconds) + " s",
                               {}},
                   requestId);
  res.retryAfterSeconds = retryAfterSeconds;
}

}  // namespace astro::server::http
