#include "server/http/rate_limiter.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>

namespace astro::server::http {

RateLimiter::RateLimiter(RateLimit limit, std::size_t slots)
    : limit_(limit),
      count_(limit.enabled() ? std::max<std::size_t>(slots, 1) : 0),
      slots_(count_ ? std::make_unique<Slot[]>(count_) : nullptr) {}

std::uint32_t RateLimiter::take(std::string_view key, Clock::time_point now) {
  if (count_ == 0) return 0;
  Slot& s = slots_[std::hash<std::string_view>{}(key) % count_];
  std::lock_guard lock(s.mu);
  if (s.key != key || s.last == Clock::time_point{}) {
    s.key.assign(key.data(), key.size());
    s.tokens = limit_.burst;
  } else if (now > s.last) {
    const double elapsed = std::chrono::duration<double>(now - s.last).count();
    s.tokens = std::min(limit_.burst, s.tokens + elapsed * limit_.perSecond);
  }
  s.last = std::max(s.last, now);
  if (s.tokens >= 1) {
    s.tokens -= 1;
    return 0;
  }
  const double wait = (1 - s.tokens) / limit_.perSecond;
  return static_cast<std::uint32_t>(std::max(1.0, std::ceil(wait)));
}

std::string clientKeyOf(std::string_view address) {
  if (address.find(':') == std::string_view::npos) return std::string(address);
  char text[INET6_ADDRSTRLEN] = {};
  const std::size_t n = std::min(address.size(), sizeof text - 1);
  std::memcpy(text, address.data(), n);
  unsigned char a[16];
  if (inet_pton(AF_INET6, text, a) != 1) return std::string(address);
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(a, kMapped, sizeof kMapped) == 0) {
    char v4[INET_ADDRSTRLEN];
    if (inet_ntop(AF_INET, a + 12, v4, sizeof v4)) return v4;
  }
  std::memset(a + 8, 0, 8);
  char out[INET6_ADDRSTRLEN];
  if (!inet_ntop(AF_INET6, a, out, sizeof out)) return std::string(address);
  return std::string(out) + "/64";
}

}  // namespace astro::server::http
