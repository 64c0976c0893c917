// The server's FailureObserver: one error line per store failure with its cause, at most one
// line per cause per window (a full disk fails every request), then how many were suppressed.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "store/store.h"

namespace astro::server::logging {

class StoreFailureLog : public store::FailureObserver {
 public:
  // At most one line per cause in this window: enough to see a persisting failure at once and
  // that it persists, without a line for each of thousands of failing requests.
  static constexpr std::chrono::seconds kDefaultWindow{10};
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  explicit StoreFailureLog(std::chrono::steady_clock::duration window = kDefaultWindow,
                           Clock clock = {});
  void storeFailed(const store::StoreFailure& failure) noexcept override;

 private:
  struct Seen {
    std::chrono::steady_clock::time_point logged;
    std::uint64_t suppressed = 0;
  };
  std::chrono::steady_clock::duration window_;
  Clock clock_;
  std::mutex mu_;
  std::map<std::string, Seen, std::less<>> seen_;  // by cause; a few dozen at most
};

}  // namespace astro::server::logging
