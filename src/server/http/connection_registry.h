// ConnectionRegistry: the open connections of a server, for the connection limit and a graceful
// stop (tell every connection to finish its request and close, then wait until none is left).
// Thread-safe: the acceptor thread adds, I/O threads remove, the stopping thread waits.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace astro::server::http {

// A connection the registry can ask to stop: finish the request in flight, then close.
// requestStop may be called from any thread.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual void requestStop() = 0;
};

class ConnectionRegistry {
 public:
  explicit ConnectionRegistry(std::size_t maxConnections) : max_(maxConnections) {}

  // Registers a new connection. Returns 0 (not registered) when the limit is reached or the
  // server is stopping; the caller then refuses the connection.
  std::uint64_t add(const std::shared_ptr<Connection>& c) {
    std::lock_guard lock(mutex_);
    if (stopping_.load(std::memory_order_relaxed) || live_.size() >= max_) return 0;
    auto id = ++nextId_;
    live_.emplace(id, c);
    return id;
  }
  void remove(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    live_.erase(id);
    if (live_.empty()) idle_.notify_all();
  }
  // Marks the server stopping and asks every open connection to finish and close.
  void stopAll() {
    std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> snapshot;
    {
      std::lock_guard lock(mutex_);
      stopping_.store(true, std::memory_order_release);
      snapshot = live_;
    }
    for (auto& [id, weak] : snapshot)
      if (auto c = weak.lock()) c->requestStop();
  }
  // Asked twice per request by every session: a plain atomic read, no lock.
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }
  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return live_.size();
  }
  // Waits until no connection is open or the deadline passes; true when none is left.
  bool waitIdle(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    return idle_.wait_until(lock, deadline, [&] { return live_.empty(); });
  }

 private:
  const std::size_t max_;
  mutable std::mutex mutex_;
  std::condition_variable idle_;
  std::atomic<bool> stopping_{false};
  std::uint64_t nextId_ = 0;
  std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> live_;
};

}  // namespace astro::server::http
