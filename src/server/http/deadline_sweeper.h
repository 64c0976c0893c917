// DeadlineSweeper: the read, idle, write and linger timeouts of the sessions of one I/O context.
// Instead of an Asio timer armed and cancelled around every read and write (Beast's tcp_stream:
// a timer-queue insert and removal and type-erased executor copies per operation), a session
// only writes down when its current wait must end; one timer of the context wakes every `tick`
// and ends the sessions whose deadline has passed. A timeout is thus late by at most one tick.
// Everything runs on the context's own thread: no lock. Include only from transport .cpp files.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>
#include <vector>

namespace astro::server::http {

// What the sweeper watches: a deadline, and what to do when it has passed.
class Expirable {
 public:
  virtual ~Expirable() = default;
  // When the current wait must end; time_point::max() while nothing is awaited.
  virtual std::chrono::steady_clock::time_point deadline() const = 0;
  virtual void expire() = 0;
};

class DeadlineSweeper {
 public:
  DeadlineSweeper(boost::asio::io_context& io, std::chrono::milliseconds tick);
  // Starts the periodic check (from any thread; it runs on the context's thread).
  void start();
  // Watches `e` until it is gone; call on the context's thread.
  void watch(std::weak_ptr<Expirable> e) { watched_.push_back(std::move(e)); }
  // The tick for a set of timeouts: a quarter of the shortest, within [10 ms, 250 ms].
  static std::chrono::milliseconds tickFor(std::chrono::milliseconds shortestTimeout);

 private:
  void arm();
  void sweep();

  boost::asio::steady_timer timer_;
  std::chrono::milliseconds tick_;
  std::vector<std::weak_ptr<Expirable>> watched_;
};

}  // namespace astro::server::http
