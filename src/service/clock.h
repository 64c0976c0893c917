// Seams for time and randomness, so tests control expiry without sleeping and IDs are repeatable.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <span>

#include "core/time_format.h"
#include "core/tokens/token_codec.h"

namespace astro::service {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual core::Timestamp now() const = 0;
};

class SystemClock : public Clock {
 public:
  core::Timestamp now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// A clock the test moves by hand. Thread-safe.
class FakeClock : public Clock {
 public:
  explicit FakeClock(core::Timestamp start) : t_(start.time_since_epoch().count()) {}
  core::Timestamp now() const override { return core::Timestamp{std::chrono::seconds{t_.load()}}; }
  void advance(std::chrono::seconds d) { t_ += d.count(); }
  void set(core::Timestamp t) { t_ = t.time_since_epoch().count(); }

 private:
  std::atomic<std::int64_t> t_;
};

// The OS CSPRNG (OpenSSL RAND_bytes); aborts the process if it cannot deliver, since issuing a
// weak token is worse than not running.
core::RandomBytes osRandomBytes();

}  // namespace astro::service
