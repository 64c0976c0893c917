// GenerationCache: values read from the store, each reused only while Store::generation(key) of
// the change-log key it depends on still has the value it had before the read (so a change to
// what it holds, on any replica, ends the reuse). Fixed memory:
// one entry per slot (slot = hash of the key), a colliding key evicts the other; a mutex per slot.
// The slots are split into shards by the CPU the caller runs on, so that threads asking for the
// same hot key (one token used by every request) do not bounce one slot's mutex and reference
// count between cores; each shard fills on its own. By CPU, not by thread: the handlers run on a
// worker pool larger than the machine's cores, and a shard per thread would fill once per worker.
// A thread that moves to another CPU between a find and a put only picks another slot: every
// slot checks its key and generation. Values are shared immutable: a hit costs one reference.
#pragma once

#include <sched.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace astro::service {

// What a cache answered so far (for /metrics).
struct CacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
};

template <class V>
class GenerationCache {
 public:
  // 0 slots: a cache that never holds anything. `slots` is per shard; threads are spread over
  // `shards` shards.
  explicit GenerationCache(std::size_t slots, std::size_t shards = 4)
      : count_(slots),
        shards_(shards > 0 ? shards : 1),
        slots_(slots > 0 ? std::make_unique<Slot[]>(slots * shards_) : nullptr) {}

  // The value stored under `key` when the store's generation was `generation`; null otherwise.
  std::shared_ptr<const V> find(std::string_view key, std::uint64_t generation) const {
    if (count_ == 0) return nullptr;
    Slot& slot = slotOf(key);
    std::lock_guard lock(slot.mu);
    if (!slot.value || slot.generation != generation || slot.key != key) {
      ++slot.misses;
      return nullptr;
    }
    ++slot.hits;
    return slot.value;
  }

  // Summed over the slots, each read under its mutex (a scrape, never the request path).
  CacheStats stats() const {
    CacheStats out;
    for (std::size_t i = 0; i < count_ * shards_; ++i) {
      std::lock_guard lock(slots_[i].mu);
      out.hits += slots_[i].hits;
      out.misses += slots_[i].misses;
    }
    return out;
  }

  // `generation` must be the store's generation read before the value was read.
  void put(std::string_view key, std::uint64_t generation, std::shared_ptr<const V> value) {
    if (count_ == 0) return;
    Slot& slot = slotOf(key);
    std::lock_guard lock(slot.mu);
    slot.key.assign(key.data(), key.size());
    slot.generation = generation;
    slot.value = std::move(value);
  }

 private:
  struct alignas(64) Slot {  // a cache line of its own
    std::mutex mu;
    std::string key;
    std::uint64_t generation = 0;
    std::shared_ptr<const V> value;
    // Counted under the slot's mutex, on the slot's own cache line: no shared counter.
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
  };
  Slot& slotOf(std::string_view key) const {
    return slots_[shardNumber() % shards_ * count_ + std::hash<std::string_view>{}(key) % count_];
  }
  static std::size_t shardNumber() {
    const int cpu = ::sched_getcpu();  // a vDSO read, no system call
    return cpu >= 0 ? static_cast<std::size_t>(cpu) : threadNumber();
  }
  static std::size_t threadNumber() {
    static std::atomic<std::size_t> next{0};
    thread_local const std::size_t number = next.fetch_add(1, std::memory_order_relaxed);
    return number;
  }

  std::size_t count_;
  std::size_t shards_;
  std::unique_ptr<Slot[]> slots_;
};

}  // namespace astro::service
