// ChangeStamps: per-key invalidation for the caches of every replica. A cache reads
// generation(key) before it reads the data, and reuses what it read only while the key's
// generation is unchanged; every change moves the generation of each key it made stale (bump),
// and an epoch moves every key at once (bumpAll: when a replica cannot prove it has seen every
// change). Each kind of key (changes::kindOf) has its own stripes of counters, and keys of one
// kind share them by hash: a change may move an unrelated key of its kind too (a needless miss,
// never a stale hit; 1 in kStripesPerKind per change), never a key of another kind.
//
// While not trusted (a replica that is not following the change log: it cannot hear of other
// replicas' writes), generation() answers a new number on every call, so nothing cached is
// reused; trust() first moves every key (bumpAll), then trusts again.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "store/change_keys.h"

namespace astro::store {

class ChangeStamps {
 public:
  // 128 KiB per kind (on the heap): 10,000 rotations in a burst move about 45% of the other
  // values' generations; 100 move 0.6%.
  static constexpr std::size_t kStripesPerKind = 16384;

  std::uint64_t generation(std::string_view key) const {
    if (!trusted_.load(std::memory_order_acquire))
      return kUntrusted | untrustedCounter_.fetch_add(1, std::memory_order_relaxed);
    return epoch_.load(std::memory_order_acquire) +
           stripes_[index(key)].load(std::memory_order_acquire);
  }
  void bump(std::string_view key) { stripes_[index(key)].fetch_add(1, std::memory_order_acq_rel); }
  void bumpAll() { epoch_.fetch_add(1, std::memory_order_acq_rel); }
  bool trusted() const { return trusted_.load(std::memory_order_acquire); }
  void distrust() { trusted_.store(false, std::memory_order_release); }
  void trust() {
    bumpAll();
    trusted_.store(true, std::memory_order_release);
  }

 private:
  // Never reached by a trusted generation (a sum of counters that each move by one per change).
  static constexpr std::uint64_t kUntrusted = std::uint64_t{1} << 63;
  static std::size_t index(std::string_view key) {
    return static_cast<std::size_t>(changes::kindOf(key)) * kStripesPerKind +
           std::hash<std::string_view>{}(key) % kStripesPerKind;
  }
  std::unique_ptr<std::atomic<std::uint64_t>[]> stripes_ =
      std::make_unique<std::atomic<std::uint64_t>[]>(changes::kKinds * kStripesPerKind);
  std::atomic<std::uint64_t> epoch_{0};
  std::atomic<bool> trusted_{true};
  mutable std::atomic<std::uint64_t> untrustedCounter_{0};
};

}  // namespace astro::store
