// RateLimitedHandler: the request limits in front of the API (429 with Retry-After), per client
// address and per credential, as named settings (ServerSettings). The health routes are not
// limited: load balancers and monitors must always see the truth, and those routes cost nothing.
// A credential is limited by its value (hashed; the value is never kept), before it is checked,
// so a flood of one stolen or wrong value is stopped as early as a valid one. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>

#include "server/http/rate_limiter.h"
#include "server/http/request_handler.h"

namespace astro::server::http {

class RateLimitedHandler : public RequestHandler {
 public:
  RateLimitedHandler(RequestHandler& next, RateLimit perAddress, RateLimit perCredential);
  std::string_view handle(const HttpRequest& req, HttpResponse& res) override;
  bool mayBlock(const HttpRequest& req) const override { return next_.mayBlock(req); }
  std::string_view refused(const HttpRequest& req, const core::Error& error) noexcept override {
    return next_.refused(req, error);
  }
  // Requests answered 429 so far, by limit.
  std::uint64_t refusedByAddress() const { return byAddress_.load(std::memory_order_relaxed); }
  std::uint64_t refusedByCredential() const {
    return byCredential_.load(std::memory_order_relaxed);
  }

 private:
  RequestHandler& next_;
  RateLimiter perAddress_;
  RateLimiter perCredential_;
  std::atomic<std::uint64_t> byAddress_{0};
  std::atomic<std::uint64_t> byCredential_{0};
};

// The 429 answer: the API's error body, Retry-After in whole seconds.
void setRateLimitedResponse(HttpResponse& res, std::uint32_t retryAfterSeconds,
                            std::string_view what, std::string_view requestId);

}  // namespace astro::server::http
