// LastUsedWriter: lastUsedAt off the request path. Authentication records each token's use here
// (once per token per resolution interval: AuthService claims it); a background thread writes
// what was recorded every `interval` in one write transaction, and on destruction (a graceful
// stop) writes what is left. The write only moves lastUsedAt forward (with several replicas the
// latest wins) and makes stale only what shows the token, never what authentication cached
// (store/change_keys.h). A failed write keeps the entries for the next round (up to kMaxPending
// tokens; beyond that the oldest are dropped: lastUsedAt is best effort).
//
// Thread-safety: record() and flush() may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "core/time_format.h"
#include "store/store.h"

namespace astro::service {

class LastUsedWriter {
 public:
  static constexpr std::size_t kMaxPending = 100000;

  // interval 0: no thread; record() writes at once (tests that want the old behaviour).
  LastUsedWriter(store::Store& store, std::chrono::milliseconds interval);
  ~LastUsedWriter();  // writes what is pending, then stops
  LastUsedWriter(const LastUsedWriter&) = delete;
  LastUsedWriter& operator=(const LastUsedWriter&) = delete;

  void record(std::string_view orgId, std::string_view tokenId, core::Timestamp at);
  // Writes everything recorded so far; false when the write failed (kept for the next round).
  bool flush();
  std::size_t pending() const;
  // How many uses record() was handed since the start (each is one token's claimed interval).
  std::uint64_t recorded() const { return recorded_.load(std::memory_order_relaxed); }
  // False when record() writes at once (interval 0).
  bool batched() const { return interval_.count() > 0; }

 private:
  struct Use {
    std::string orgId;
    core::Timestamp at{};
  };
  void run();

  store::Store& store_;
  std::chrono::milliseconds interval_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::unordered_map<std::string, Use> pending_;  // by token ID
  std::mutex flushMu_;                            // one flush at a time
  std::atomic<std::uint64_t> recorded_{0};
  std::thread thread_;
};

}  // namespace astro::service
