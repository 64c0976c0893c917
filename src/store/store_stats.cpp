#include "store/store_stats.h"

namespace astro::store {

static_assert(static_cast<std::size_t>(StoreError::Kind::Retry) + 1 == StoreStats::kKindCount,
              "StoreStats::kKindCount counts every StoreError::Kind");

void StoreStats::transactionEnded(Store::Mode mode, std::chrono::steady_clock::duration took) noexcept {
  AtomicHistogram& h = mode == Store::Mode::Write ? write_ : read_;
  const double seconds = std::chrono::duration<double>(took).count();
  std::size_t bucket = 0;
  while (bucket < std::size(kBuckets) && seconds > kBuckets[bucket]) ++bucket;
  h.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  h.count.fetch_add(1, std::memory_order_relaxed);
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(took).count();
  h.sumNanoseconds.fetch_add(ns > 0 ? static_cast<std::uint64_t>(ns) : 0, std::memory_order_relaxed);
}

void StoreStats::failed(StoreError::Kind kind) noexcept {
  const auto i = static_cast<std::size_t>(kind);
  if (i < kKindCount) failures_[i].fetch_add(1, std::memory_order_relaxed);
}

StoreStats::Histogram StoreStats::read(const AtomicHistogram& h) {
  Histogram out;
  for (std::size_t i = 0; i < kBucketCount; ++i)
    out.buckets[i] = h.buckets[i].load(std::memory_order_relaxed);
  out.count = h.count.load(std::memory_order_relaxed);
  out.sumSeconds = static_cast<double>(h.sumNanoseconds.load(std::memory_order_relaxed)) / 1e9;
  return out;
}

StoreStats::Snapshot StoreStats::snapshot() const {
  Snapshot s;
  s.read = read(read_);
  s.write = read(write_);
  for (std::size_t i = 0; i < kKindCount; ++i)
    s.failures[i] = failures_[i].load(std::memory_order_relaxed);
  return s;
}

const char* kindName(StoreError::Kind kind) {
  switch (kind) {
    case StoreError::Kind::Io: return "io";
    case StoreError::Kind::Conflict: return "conflict";
    case StoreError::Kind::Busy: return "busy";
    case StoreError::Kind::Unavailable: return "unavailable";
    case StoreError::Kind::NotFound: return "not_found";
    case StoreError::Kind::Locked: return "locked";
    case StoreError::Kind::Retry: return "retry";
  }
  return "io";
}

}  // namespace astro::store
