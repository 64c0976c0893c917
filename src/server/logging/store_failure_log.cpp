#include "server/logging/store_failure_log.h"

#include "server/logging/logging.h"
#include "store/store_stats.h"

namespace astro::server::logging {

StoreFailureLog::StoreFailureLog(std::chrono::steady_clock::duration window, Clock clock)
    : window_(window), clock_(std::move(clock)) {
  if (!clock_) clock_ = [] { return std::chrono::steady_clock::now(); };
}

void StoreFailureLog::storeFailed(const store::StoreFailure& failure) noexcept {
  try {
    const auto now = clock_();
    std::uint64_t suppressed = 0;
    {
      std::lock_guard lock(mu_);
      auto [it, fresh] = seen_.try_emplace(failure.cause);
      Seen& seen = it->second;
      if (!fresh && now - seen.logged < window_) {
        ++seen.suppressed;
        return;
      }
      suppressed = seen.suppressed;
      seen = Seen{now, 0};
    }
    std::string line = "store failure cause=" + failure.cause +
                       " kind=" + std::string(store::kindName(failure.kind)) + ": " + failure.message;
    if (suppressed > 0)
      line += " (" + std::to_string(suppressed) + " more with this cause since the last line)";
    error(line);
  } catch (...) {
    // Logging must not turn a store failure into a crash.
  }
}

}  // namespace astro::server::logging
