#include "store/postgres/pg_change_follower.h"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <optional>

#include "store/postgres/pg_connection.h"
#include "store/sql/sql_changes.h"

namespace astro::store::postgres {
namespace {

// Waits up to `timeout` for the socket (if >= 0) or the wake descriptor; true when woken to stop.
bool waitFor(int socket, int wakeFd, std::chrono::milliseconds timeout) {
  pollfd fds[2] = {{wakeFd, POLLIN, 0}, {socket, POLLIN, 0}};
  const nfds_t count = socket >= 0 ? 2 : 1;
  ::poll(fds, count, static_cast<int>(timeout.count()));
  return (fds[0].revents & POLLIN) != 0;
}

}  // namespace

ChangeFollower::ChangeFollower(std::string url, ChangeStamps& stamps,
                               std::chrono::milliseconds pollInterval, FailureObserver* observer,
                               std::function<bool(std::int64_t)> ownChange)
    : url_(std::move(url)),
      stamps_(stamps),
      pollInterval_(std::max(pollInterval, std::chrono::milliseconds(1))),
      observer_(observer),
      ownChange_(std::move(ownChange)) {
  wakeFd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wakeFd_ < 0) throw StoreError(StoreError::Kind::Io, "eventfd: cannot make the follower's");
  stamps_.distrust();  // until it follows
  thread_ = std::thread([this] { run(); });
}

ChangeFollower::~ChangeFollower() {
  stop_.store(true, std::memory_order_release);
  const std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(wakeFd_, &one, sizeof one);
  thread_.join();
  ::close(wakeFd_);
}

void ChangeFollower::run() {
  std::optional<Connection> conn;
  bool started = false;  // applied_ holds a real position
  auto backoff = std::chrono::milliseconds(50);
  while (!stop_.load(std::memory_order_acquire)) {
    try {
      if (!conn) {
        stamps_.distrust();
        conn.emplace(url_, observer_);
        conn->execScript(std::string("SET application_name = '") + kApplicationName +
                         "'; LISTEN astro_changes");
        connects_.fetch_add(1, std::memory_order_acq_rel);
        if (!started) {
          // Nothing is cached yet: follow from the newest change on.
          applied_.store(conn->exec("SELECT COALESCE(MAX(seq), 0) FROM change_log").int64(0, 0));
          started = true;
        } else if (conn->exec("SELECT upto FROM change_log_pruned WHERE id = 1").int64(0, 0) >
                   applied_.load()) {
          stamps_.bumpAll();  // rows it never applied are gone: it cannot prove what changed
          resets_.fetch_add(1, std::memory_order_relaxed);
        }
      }
      // Every row after the last applied (those committed before the LISTEN included).
      for (;;) {
        auto rows =
            conn->exec("SELECT seq, keys FROM change_log WHERE seq > $1 ORDER BY seq LIMIT 1000",
                       {std::to_string(applied_.load())});
        for (int i = 0; i < rows.rows(); ++i) {
          const std::int64_t seq = rows.int64(i, 0);
          if (!ownChange_ || !ownChange_(seq)) {
            for (const auto& key : sql::splitKeys(rows.text(i, 1))) stamps_.bump(key);
            appliedCount_.fetch_add(1, std::memory_order_relaxed);
          }
          applied_.store(seq, std::memory_order_release);
        }
        if (rows.rows() < 1000) break;
      }
      if (!stamps_.trusted()) stamps_.trust();
      backoff = std::chrono::milliseconds(50);
      // Until a notification arrives or the polling interval passes.
      if (waitFor(conn->socket(), wakeFd_, pollInterval_)) break;
      if (!conn->consumeNotifications())
        throw StoreError(StoreError::Kind::Unavailable,
                         "postgresql: the change follower's connection was lost");
    } catch (const StoreError& e) {
      stamps_.distrust();
      conn.reset();
      if (observer_ != nullptr && e.kind() != StoreError::Kind::Unavailable) {
        // (Unavailable was told by the connection itself.)
        observer_->storeFailed({e.kind(), "change_follower", e.what()});
      }
      if (waitFor(-1, wakeFd_, backoff)) break;
      backoff = std::min(backoff * 2, std::chrono::milliseconds(1000));
    }
  }
}

}  // namespace astro::store::postgres
