// RateLimiter: token buckets by key (a client address, a credential, an organization), for the
// 429 answers of astro-server. Fixed memory: one bucket per slot (slot = hash of the key), a
// colliding key takes the slot over with a full bucket; so memory never grows with the number of
// clients, and the worst a collision does is let one client start afresh. A mutex per slot (on a
// cache line of its own): threads asking for different keys rarely meet. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace astro::server::http {

struct RateLimit {
  double perSecond = 0;  // sustained rate; 0 turns the limit off
  double burst = 0;      // bucket size: requests allowed at once after a quiet period
  bool enabled() const { return perSecond > 0 && burst >= 1; }
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(RateLimit limit, std::size_t slots = 16384);

  // Takes one request from `key`'s bucket. 0: allowed. Otherwise refused, and the value is the
  // whole seconds until the bucket holds a request again (for Retry-After; at least 1).
  std::uint32_t take(std::string_view key, Clock::time_point now = Clock::now());
  bool enabled() const { return limit_.enabled(); }
  const RateLimit& limit() const { return limit_; }

 private:
  struct alignas(64) Slot {
    std::mutex mu;
    std::string key;
    double tokens = 0;
    Clock::time_point last{};
  };
  RateLimit limit_;
  std::size_t count_;
  std::unique_ptr<Slot[]> slots_;
};

// The key a client address is limited under: the address itself for IPv4 (also when written as
// an IPv4-mapped IPv6 address), its /64 prefix for IPv6 (one host usually holds a whole /64).
std::string clientKeyOf(std::string_view address);

}  // namespace astro::server::http
