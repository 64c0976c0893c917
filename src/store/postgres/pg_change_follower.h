// ChangeFollower: how one replica hears of the writes of the others. On a connection of its own
// it LISTENs on the channel astro_changes (every write transaction notifies it on commit) and,
// woken by a notification or at the latest every `pollInterval`, applies every change_log row
// after the last seq it applied: each key's generation moves (ChangeStamps::bump), so the caches
// drop exactly what the other replica made stale.
//
// While it cannot follow (not yet connected, the connection lost or terminated, the server
// restarting) the stamps are distrusted: nothing cached is reused, every request reads the
// database. After a reconnect it resumes from the last seq it applied; when rows it never
// applied have been pruned (change_log_pruned) it cannot prove it saw every change, and every key
// moves. Failures are told to the observer (rate limited by the server's log).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

#include "store/change_stamps.h"
#include "store/store.h"

namespace astro::store::postgres {

class ChangeFollower {
 public:
  // `ownChange(seq)`: true for a row this process wrote (its commit moved the keys already);
  // called on the follower's thread.
  ChangeFollower(std::string url, ChangeStamps& stamps, std::chrono::milliseconds pollInterval,
                 FailureObserver* observer, std::function<bool(std::int64_t)> ownChange);
  ~ChangeFollower();  // stops and joins the thread
  ChangeFollower(const ChangeFollower&) = delete;
  ChangeFollower& operator=(const ChangeFollower&) = delete;

  // The last change_log seq applied (tests, metrics).
  std::int64_t appliedSeq() const { return applied_.load(std::memory_order_acquire); }
  // How many times it connected (tests: a reconnect happened).
  std::uint64_t connects() const { return connects_.load(std::memory_order_acquire); }
  // Other replicas' changes applied; times it moved every key (rows pruned before it saw them).
  std::uint64_t applied() const { return appliedCount_.load(std::memory_order_relaxed); }
  std::uint64_t resets() const { return resets_.load(std::memory_order_relaxed); }

  // The application_name of its connection (an operator can find it in pg_stat_activity).
  static constexpr const char* kApplicationName = "astro-server change follower";

 private:
  void run();
  std::string url_;
  ChangeStamps& stamps_;
  std::chrono::milliseconds pollInterval_;
  FailureObserver* observer_;
  std::function<bool(std::int64_t)> ownChange_;
  int wakeFd_ = -1;  // an eventfd: the destructor's stop signal
  std::atomic<bool> stop_{false};
  std::atomic<std::int64_t> applied_{0};
  std::atomic<std::uint64_t> connects_{0};
  std::atomic<std::uint64_t> appliedCount_{0};
  std::atomic<std::uint64_t> resets_{0};
  std::thread thread_;
};

}  // namespace astro::store::postgres
