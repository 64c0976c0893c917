#include "server/http/deadline_sweeper.h"

#include <boost/asio/post.hpp>

#include <algorithm>

namespace astro::server::http {

namespace net = boost::asio;

DeadlineSweeper::DeadlineSweeper(net::io_context& io, std::chrono::milliseconds tick)
    : timer_(io), tick_(tick) {}

std::chrono::milliseconds DeadlineSweeper::tickFor(std::chrono::milliseconds shortestTimeout) {
  return std::clamp(shortestTimeout / 4, std::chrono::milliseconds(10),
                    std::chrono::milliseconds(250));
}

void DeadlineSweeper::start() {
  net::post(timer_.get_executor(), [this] { arm(); });
}

void DeadlineSweeper::arm() {
  timer_.expires_after(tick_);
  // The sweeper outlives every run of its context (the server stops the contexts first).
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled: the server is going away
    sweep();
    arm();
  });
}

void DeadlineSweeper::sweep() {
  const auto now = std::chrono::steady_clock::now();
  std::vector<std::shared_ptr<Expirable>> due;
  for (std::size_t i = 0; i < watched_.size();) {
    auto e = watched_[i].lock();
    if (!e) {  // the session is gone: forget it (order does not matter)
      watched_[i] = std::move(watched_.back());
      watched_.pop_back();
      continue;
    }
    if (e->deadline() <= now) due.push_back(std::move(e));
    ++i;
  }
  // Expired after the scan: expiring may end a session and so change what is watched.
  for (auto& e : due) e->expire();
}

}  // namespace astro::server::http
