// ConnectionRegistry: the open connections of a server, for the connection limits (in all, and
// per client address) and a graceful stop (tell every connection to finish its request and
// close, then wait until none is left).
// Thread-safe: the acceptor thread adds, I/O threads remove, the stopping thread waits.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
  enum class Refusal { None, Stopping, TooMany, TooManyFromAddress };

  // maxPerAddress 0: no cap per address.
  explicit ConnectionRegistry(std::size_t maxConnections, std::size_t maxPerAddress = 0)
      : max_(maxConnections), maxPerAddress_(maxPerAddress) {}

  // Registers a new connection from the client `addressKey` (see clientKeyOf). Returns 0 (not
  // registered) when a limit is reached or the server is stopping, and says which in `why`; the
  // caller then refuses the connection.
  std::uint64_t add(const std::shared_ptr<Connection>& c, std::string_view addressKey,
                    Refusal& why) {
    std::lock_guard lock(mutex_);
    why = Refusal::None;
    if (stopping_.load(std::memory_order_relaxed))
      why = Refusal::Stopping;
    else if (live_.size() >= max_)
      why = Refusal::TooMany;
    if (why != Refusal::None) return 0;
    std::size_t* count = nullptr;
    if (maxPerAddress_ > 0) {
      count = &perAddress_[std::string(addressKey)];
      if (*count >= maxPerAddress_) {
        why = Refusal::TooManyFromAddress;
        return 0;
      }
      ++*count;
    }
    auto id = ++nextId_;
    live_.emplace(id, Entry{c, count ? std::string(addressKey) : std::string()});
    return id;
  }
  void remove(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    auto it = live_.find(id);
    if (it == live_.end()) return;
    if (maxPerAddress_ > 0) {
      auto a = perAddress_.find(it->second.addressKey);
      if (a != perAddress_.end() && --a->second == 0) perAddress_.erase(a);
    }
    live_.erase(it);
    if (live_.empty()) idle_.notify_all();
  }
  // Marks the server stopping and asks every open connection to finish and close.
  void stopAll() {
    std::vector<std::weak_ptr<Connection>> snapshot;
    {
      std::lock_guard lock(mutex_);
      stopping_.store(true, std::memory_order_release);
      for (auto& [id, entry] : live_) snapshot.push_back(entry.connection);
    }
    for (auto& weak : snapshot)
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
  struct Entry {
    std::weak_ptr<Connection> connection;
    std::string addressKey;  // empty without a per-address cap
  };
  const std::size_t max_;
  const std::size_t maxPerAddress_;
  mutable std::mutex mutex_;
  std::condition_variable idle_;
  std::atomic<bool> stopping_{false};
  std::uint64_t nextId_ = 0;
  std::unordered_map<std::uint64_t, Entry> live_;
  std::unordered_map<std::string, std::size_t> perAddress_;  // open connections by address key
};

}  // namespace astro::server::http
