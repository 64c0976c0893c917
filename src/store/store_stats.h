// StoreStats: what a Store counts for /metrics, whatever its backend: how long its transactions
// took (from begin, the wait for a write turn included, to commit or rollback), by mode, and its
// failures by kind (the same failures the FailureObserver is told of: Conflict is not one).
//
// Thread-safety: every method may be called from any thread (relaxed atomic counters: a scrape
// may see a transaction counted in `count` a moment before its bucket, never a torn value).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "store/store.h"

namespace astro::store {

class StoreStats {
 public:
  // Bucket bounds in seconds (the last bucket is +Inf). Finer at the bottom than the request
  // histogram's: a read from a warm SQLite page cache takes tens of microseconds.
  static constexpr double kBuckets[] = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                        0.005,   0.01,   0.025,   0.05,   0.1,   0.25,
                                        0.5,     1,      2.5,     5};
  static constexpr std::size_t kBucketCount = std::size(kBuckets) + 1;
  static constexpr std::size_t kKindCount = 7;  // StoreError::Kind's values

  struct Histogram {
    std::array<std::uint64_t, kBucketCount> buckets{};  // per bucket, not cumulative
    std::uint64_t count = 0;
    double sumSeconds = 0;
  };
  struct Snapshot {
    Histogram read, write;
    std::array<std::uint64_t, kKindCount> failures{};  // indexed by StoreError::Kind
  };

  void transactionEnded(Store::Mode mode, std::chrono::steady_clock::duration took) noexcept;
  void failed(StoreError::Kind kind) noexcept;
  Snapshot snapshot() const;

  // Counts one transaction when it is destroyed: a backend makes it the first member of its
  // transaction object, so that the rollback of an abandoned transaction is timed too.
  class Timer {
   public:
    Timer(StoreStats* stats, Store::Mode mode, std::chrono::steady_clock::time_point began)
        : stats_(stats), mode_(mode), began_(began) {}
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;
    ~Timer() {
      if (stats_ != nullptr) stats_->transactionEnded(mode_, std::chrono::steady_clock::now() - began_);
    }

   private:
    StoreStats* stats_;
    Store::Mode mode_;
    std::chrono::steady_clock::time_point began_;
  };

 private:
  struct AtomicHistogram {
    std::array<std::atomic<std::uint64_t>, kBucketCount> buckets{};
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sumNanoseconds{0};
  };
  static Histogram read(const AtomicHistogram& h);

  AtomicHistogram read_, write_;
  std::array<std::atomic<std::uint64_t>, kKindCount> failures_{};
};

// The label value /metrics gives a failure kind ("io", "busy", "unavailable", ...).
const char* kindName(StoreError::Kind kind);

}  // namespace astro::store
