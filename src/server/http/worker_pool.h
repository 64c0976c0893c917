// WorkerPool: the bounded set of threads that run request handlers, so that a handler waiting on
// the store (a PostgreSQL round trip, SQLite's write turn, an fsync) never stalls the other
// connections of its I/O thread. It needs no queue limit of its own: a connection has at most one
// request in flight, so ServerSettings::maxConnections bounds what waits here.
// Thread-safe: any thread may post; stop() may be called once from the stopping thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>

namespace astro::server::http {

class WorkerPool {
 public:
  explicit WorkerPool(unsigned threads);
  ~WorkerPool();  // stop()s
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs `work` on a worker thread. After stop(), `work` is destroyed without running.
  void post(std::function<void()> work);
  // Lets the work now running finish, drops what waits (destroying it), and joins the threads.
  void stop();

  unsigned threads() const { return threads_; }
  // Work posted and not yet finished: waiting for a worker, or running (for /metrics).
  std::size_t pending() const { return pending_.load(std::memory_order_relaxed); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  const unsigned threads_;
  std::atomic<std::size_t> pending_{0};
};

}  // namespace astro::server::http
