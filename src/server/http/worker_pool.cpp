#include "server/http/worker_pool.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <mutex>

namespace astro::server::http {

struct WorkerPool::Impl {
  explicit Impl(unsigned threads) : pool(threads) {}
  boost::asio::thread_pool pool;
  std::once_flag stopped;
};

WorkerPool::WorkerPool(unsigned threads)
    : impl_(std::make_unique<Impl>(threads == 0 ? 1 : threads)),
      threads_(threads == 0 ? 1 : threads) {}

WorkerPool::~WorkerPool() {
  stop();
}

void WorkerPool::post(std::function<void()> work) {
  pending_.fetch_add(1, std::memory_order_relaxed);
  // The guard counts the work done whether it runs or is dropped by stop().
  struct Done {
    std::atomic<std::size_t>* pending;
    explicit Done(std::atomic<std::size_t>* p) : pending(p) {}
    Done(Done&& o) noexcept : pending(o.pending) { o.pending = nullptr; }
    ~Done() {
      if (pending) pending->fetch_sub(1, std::memory_order_relaxed);
    }
  };
  boost::asio::post(impl_->pool, [work = std::move(work), done = Done(&pending_)]() mutable {
    work();
    work = nullptr;  // what it holds (a session) is released before the count drops
  });
}

void WorkerPool::stop() {
  std::call_once(impl_->stopped, [this] {
    impl_->pool.stop();
    impl_->pool.join();
  });
}

}  // namespace astro::server::http
