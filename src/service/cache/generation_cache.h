// GenerationCache: values read from the store, each reused only while Store::generation(key) of
// the change-log key it depends on still has the value it had before the read (so a change to
// what it holds, on any replica, ends the reuse). Fixed memory: `entries` per shard, in sets of
// kWays entries (the set = hash of the key) under one mutex each; a new key takes a free entry
// of its set or the one used least recently. Set-associative, not one entry per slot: a fleet of
// N tokens in a cache of about 2N entries then stays cached (with one entry per slot, keys that
// share a slot evict each other on every use, and a third of them miss for good).
// The slots are split into shards by the CPU the caller runs on, so that threads asking for the
// same hot key (one token used by every request) do not bounce one set's mutex and reference
// count between cores; a shard that lacks a key takes it from another shard that holds it (see
// find), so each value is read from the store once. By CPU, not by thread: the handlers run on a
// worker pool larger than the machine's cores, and a shard per thread would fill once per worker.
// A thread that moves to another CPU between a find and a put only picks another set: every
// entry checks its key and generation. Values are shared immutable: a hit costs one reference.
#pragma once

#include <sched.h>

#include <array>
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
  static constexpr std::size_t kWays = 8;

  // 0 entries: a cache that never holds anything. `entries` is per shard (rounded up to whole
  // sets); threads are spread over `shards` shards by their CPU.
  explicit GenerationCache(std::size_t entries, std::size_t shards = 4)
      : sets_(entries == 0 ? 0 : (entries + kWays - 1) / kWays),
        shards_(shards > 0 ? shards : 1),
        data_(sets_ > 0 ? std::make_unique<Set[]>(sets_ * shards_) : nullptr) {}

  // Entries per shard (a multiple of kWays; 0 when off).
  std::size_t capacity() const { return sets_ * kWays; }

  // The value stored under `key` when the store's generation was `generation`; null otherwise.
  // A key this CPU's shard lacks is looked for in the other shards (under the same generation)
  // and, when one holds it, copied into this one: a value is read from the store once, not once
  // per CPU. A miss then costs a look in each shard, still far less than the read it stands for.
  std::shared_ptr<const V> find(std::string_view key, std::uint64_t generation) const {
    if (sets_ == 0) return nullptr;
    const std::size_t hash = std::hash<std::string_view>{}(key);
    const std::size_t own = shardNumber() % shards_;
    Set& set = setAt(own, hash);
    {
      std::lock_guard lock(set.mu);
      if (Entry* e = entryIn(set, hash, key, generation)) {
        ++set.hits;
        e->lastUse = ++set.clock;
        return e->value;
      }
    }
    // One set's mutex at a time: never two held together.
    std::shared_ptr<const V> found;
    for (std::size_t other = 0; other < shards_ && !found; ++other) {
      if (other == own) continue;
      Set& there = setAt(other, hash);
      std::lock_guard lock(there.mu);
      if (Entry* e = entryIn(there, hash, key, generation)) found = e->value;
    }
    std::lock_guard lock(set.mu);
    if (!found) {
      ++set.misses;
      return nullptr;
    }
    ++set.hits;
    store(set, hash, key, generation, found);
    return found;
  }

  // Summed over the sets, each read under its mutex (a scrape, never the request path).
  CacheStats stats() const {
    CacheStats out;
    for (std::size_t i = 0; i < sets_ * shards_; ++i) {
      std::lock_guard lock(data_[i].mu);
      out.hits += data_[i].hits;
      out.misses += data_[i].misses;
    }
    return out;
  }

  // `generation` must be the store's generation read before the value was read.
  void put(std::string_view key, std::uint64_t generation, std::shared_ptr<const V> value) {
    if (sets_ == 0) return;
    const std::size_t hash = std::hash<std::string_view>{}(key);
    Set& set = setAt(shardNumber() % shards_, hash);
    std::lock_guard lock(set.mu);
    store(set, hash, key, generation, std::move(value));
  }

 private:
  struct Entry {
    std::size_t hash = 0;
    std::string key;
    std::uint64_t generation = 0;
    std::shared_ptr<const V> value;  // null: free
    std::uint64_t lastUse = 0;
  };
  struct alignas(64) Set {  // its mutex and counters on cache lines of their own
    std::mutex mu;
    std::uint64_t clock = 0;
    // Counted under the set's mutex: no shared counter.
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::array<Entry, kWays> ways;
  };
  Set& setAt(std::size_t shard, std::size_t hash) const {
    return data_[shard * sets_ + hash % sets_];
  }
  // The entry for `key` under `generation`, or null. Under the set's mutex.
  static Entry* entryIn(Set& set, std::size_t hash, std::string_view key,
                        std::uint64_t generation) {
    for (auto& e : set.ways)
      if (e.value && e.hash == hash && e.key == key)
        return e.generation == generation ? &e : nullptr;
    return nullptr;
  }
  // Files `value` in the key's own entry, else a free one, else the least recently used. Under
  // the set's mutex.
  static void store(Set& set, std::size_t hash, std::string_view key, std::uint64_t generation,
                    std::shared_ptr<const V> value) {
    Entry* target = nullptr;
    for (auto& e : set.ways) {
      if (e.value && e.hash == hash && e.key == key) {
        target = &e;
        break;
      }
      if (target == nullptr || (target->value && (!e.value || e.lastUse < target->lastUse)))
        target = &e;
    }
    target->hash = hash;
    if (target->key != key)
      target->key = std::string(key);  // (assign: a GCC 12 -Wrestrict false positive)
    target->generation = generation;
    target->value = std::move(value);
    target->lastUse = ++set.clock;
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

  std::size_t sets_;
  std::size_t shards_;
  std::unique_ptr<Set[]> data_;
};

}  // namespace astro::service
