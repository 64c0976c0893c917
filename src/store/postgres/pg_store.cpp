#include "store/postgres/pg_store.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "store/change_stamps.h"
#include "store/postgres/pg_change_follower.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_migrations.h"
#include "store/sql/sql_transaction.h"
#include "store/store_stats.h"

namespace astro::store {

bool isPostgresUrl(std::string_view db) {
  return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

namespace {

// The one advisory lock every write transaction of every replica takes (see pg_store.h).
constexpr std::string_view kWriteLockKey = "7022084278845928041";  // 0x617374726f777269, "astrowri"

}  // namespace

struct PostgresStore::Impl final : FailureObserver {
  PostgresOptions options;
  StoreStats stats;
  ChangeStamps stamps;
  // The change_log rows this process wrote (their keys moved at commit): the follower skips them.
  std::mutex ownMu;
  std::set<std::int64_t> ownSeqs;
  // After the stamps it moves (destroyed, so stopped, before them).
  std::unique_ptr<postgres::ChangeFollower> follower;

  void wrote(std::int64_t seq) {
    std::lock_guard lock(ownMu);
    ownSeqs.insert(seq);
  }
  // Called by the follower in seq order: forgets what is older (a commit that failed).
  bool own(std::int64_t seq) {
    std::lock_guard lock(ownMu);
    ownSeqs.erase(ownSeqs.begin(), ownSeqs.lower_bound(seq));
    return ownSeqs.erase(seq) > 0;
  }

  std::mutex mu;
  std::condition_variable freed;
  std::vector<std::unique_ptr<postgres::Connection>> idle;
  int open = 0;  // connections alive: idle and leased

  void storeFailed(const StoreFailure& failure) noexcept override {
    stats.failed(failure.kind);
    if (options.observer == nullptr) return;
    try {
      options.observer->storeFailed(failure);
    } catch (...) {
      // An observer must not throw; a failure to log cannot be reported anywhere better.
    }
  }

  // A connection of the pool, leased to one transaction until it is given back.
  std::unique_ptr<postgres::Connection> acquire() {
    std::unique_lock lock(mu);
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(options.busyTimeoutMs);
    while (idle.empty() && open >= options.poolSize) {
      if (freed.wait_until(lock, deadline) == std::cv_status::timeout && idle.empty() &&
          open >= options.poolSize) {
        const std::string message = "postgresql: no pooled connection became free within " +
                                    std::to_string(options.busyTimeoutMs) + " ms (pool size " +
                                    std::to_string(options.poolSize) + ")";
        lock.unlock();
        storeFailed({StoreError::Kind::Busy, "pool_exhausted", message});
        throw StoreError(StoreError::Kind::Busy, message);
      }
    }
    if (!idle.empty()) {
      auto conn = std::move(idle.back());
      idle.pop_back();
      return conn;
    }
    ++open;
    lock.unlock();
    try {
      return std::make_unique<postgres::Connection>(options.url, this);
    } catch (const StoreError& e) {
      {
        std::lock_guard relock(mu);
        --open;
      }
      freed.notify_one();
      storeFailed({e.kind(), "connection_open", e.what()});
      throw;
    }
  }

  // Closes every idle connection: when one turned out cut (a server restart), the others were cut
  // with it, and a transaction must not meet them one by one.
  void dropIdle() noexcept {
    std::vector<std::unique_ptr<postgres::Connection>> cut;
    {
      std::lock_guard lock(mu);
      open -= static_cast<int>(idle.size());
      cut.swap(idle);
    }
    cut.clear();
    freed.notify_all();
  }

  // Back to the pool, or closed when it no longer works (the next lease opens a fresh one).
  void release(std::unique_ptr<postgres::Connection> conn) noexcept {
    {
      std::lock_guard lock(mu);
      if (conn->idle()) {
        idle.push_back(std::move(conn));
      } else {
        --open;
      }
    }
    conn.reset();
    freed.notify_one();
  }
};

namespace {

class Lease {
 public:
  explicit Lease(PostgresStore::Impl& impl) : impl_(impl), conn_(impl.acquire()) {}
  ~Lease() { impl_.release(std::move(conn_)); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  postgres::Connection& operator*() const { return *conn_; }
  postgres::Connection* operator->() const { return conn_.get(); }

 private:
  PostgresStore::Impl& impl_;
  std::unique_ptr<postgres::Connection> conn_;
};

// The session the resources of one transaction run on: the leased connection until the
// transaction ends, then none (a use after commit throws, instead of running on a connection
// that another transaction may hold by then). A read transaction begins at its first statement
// (`opener`): one served from the caches costs no connection and no round trip.
class TxSession final : public sql::Session {
 public:
  class Opener {
   public:
    virtual postgres::Connection& open() = 0;  // leases a connection and begins on it

   protected:
    ~Opener() = default;
  };
  void attach(postgres::Connection* conn) { conn_ = conn; }
  void openOnFirstUse(Opener* opener) { opener_ = opener; }
  sql::Cursor& cursor(std::string_view sql) override {
    if (conn_ == nullptr && opener_ != nullptr) conn_ = &std::exchange(opener_, nullptr)->open();
    if (conn_ == nullptr) throw StoreError(StoreError::Kind::Io, "the transaction has ended");
    return conn_->cursor(sql);
  }
  sql::Dialect dialect() const override { return sql::Dialect::Postgres; }

 private:
  postgres::Connection* conn_ = nullptr;
  Opener* opener_ = nullptr;
};

// Holds a transaction's TxSession in a base, so that it exists before sql::SqlTransaction, whose
// resources run on it, is constructed (and is destroyed after them).
struct TxSessionHolder {
  TxSession session_;
};

// A transaction holds its pooled connection from begin to commit or rollback, no longer: a
// thread that begins the next transaction while the last one's object lives does not hold two.
// A write begins at once (it waits for its turn there); a read at its first statement. A read
// snapshot is taken at the first statement either way (REPEATABLE READ), so what a read sees
// does not change: only a read that reads nothing no longer pays for BEGIN and ROLLBACK.
class PgTransaction final : private TxSessionHolder,
                            public sql::SqlTransaction,
                            private TxSession::Opener {
 public:
  PgTransaction(PostgresStore::Impl& impl, Store::Mode mode,
                std::chrono::steady_clock::time_point began)
      : sql::SqlTransaction(session_),
        timer_(&impl.stats, mode, began),
        impl_(impl),
        write_(mode == Store::Mode::Write) {
    if (write_) {
      open();
    } else {
      session_.openOnFirstUse(this);
    }
  }
  ~PgTransaction() override {
    if (lease_) end(false);
  }

  void commit() override {
    if (committed_) throw StoreError(StoreError::Kind::Io, "commit: the transaction is not open");
    committed_ = true;
    if (!lease_) {
      session_.openOnFirstUse(nullptr);  // a read that read nothing: nothing to end
      return;
    }
    try {
      if (!changes().empty()) {
        // The other replicas' followers hear of it when it commits (NOTIFY is transactional).
        impl_.wrote(sql::writeChangeLog(session_, changes(), std::time(nullptr)));
        (*lease_)->execScript("NOTIFY astro_changes");
      }
      (*lease_)->execScript("COMMIT");
    } catch (...) {
      end(false);
      throw;
    }
    end(true);
  }

 private:
  // Leases a connection and begins. A pooled connection the server dropped (a restart, a
  // terminated backend) fails at BEGIN: nothing has run yet, so the transaction begins again
  // once, on a fresh connection (the other idle ones are closed too: a restart cut them all).
  postgres::Connection& open() override {
    for (int attempt = 0;; ++attempt) {
      lease_.emplace(impl_);
      session_.attach(&**lease_);
      try {
        if (write_) {
          // One round trip: the transaction, how long to wait for the turn, and the turn.
          (*lease_)->execScript("BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = " +
                                std::to_string(impl_.options.busyTimeoutMs) +
                                "; SELECT pg_advisory_xact_lock(" + std::string(kWriteLockKey) +
                                ")");
        } else {
          (*lease_)->execScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        }
        return **lease_;
      } catch (const StoreError&) {
        const bool again = attempt == 0 && !(*lease_)->usable();
        end(false);
        if (!again) throw;
        impl_.dropIdle();
      }
    }
  }

  // Rolls back unless committed, and gives the connection back to the pool. The keys the
  // transaction recorded move here, also after a rollback (in case a failed COMMIT committed).
  void end(bool committed) noexcept {
    if (!committed) {
      try {
        if ((*lease_)->usable()) (*lease_)->execScript("ROLLBACK");
      } catch (...) {
        // The connection is gone (the pool drops it); the server rolls back on its own.
      }
    }
    session_.attach(nullptr);
    lease_.reset();
    for (const auto& key : changes().keys()) impl_.stamps.bump(key);
  }

  StoreStats::Timer timer_;  // first: destroyed last
  PostgresStore::Impl& impl_;
  bool write_;
  bool committed_ = false;
  std::optional<Lease> lease_;
};

}  // namespace

PostgresStore::PostgresStore(PostgresOptions options) : impl_(std::make_unique<Impl>()) {
  if (options.poolSize < 1) throw StoreError(StoreError::Kind::Io, "the pool size must be >= 1");
  impl_->options = std::move(options);
  Lease conn(*impl_);
  if (!impl_->options.create && postgres::currentSchemaVersion(*conn) == 0)
    throw StoreError(StoreError::Kind::NotFound,
                     "the PostgreSQL database " + postgres::redactedUrl(impl_->options.url) +
                         " has no astro-server schema: run `astro-server init --db URL` first "
                         "(or `serve --create`)");
  postgres::applyMigrations(*conn);
  Impl* impl = impl_.get();
  impl->follower = std::make_unique<postgres::ChangeFollower>(
      impl->options.url, impl->stamps,
      std::chrono::milliseconds(impl->options.changePollIntervalMs), impl,
      [impl](std::int64_t seq) { return impl->own(seq); });
  // Caches work from the first request when the follower is up within a moment; until then
  // every request reads the database (still correct).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!impl->stamps.trusted() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

PostgresStore::~PostgresStore() = default;

std::unique_ptr<Transaction> PostgresStore::begin(Mode mode) {
  return std::make_unique<PgTransaction>(*impl_, mode, std::chrono::steady_clock::now());
}

bool PostgresStore::ping() {
  try {
    Lease conn(*impl_);
    return conn->healthy();
  } catch (const StoreError&) {
    return false;
  }
}

std::optional<std::string> PostgresStore::unreadyReason() {
  try {
    Lease conn(*impl_);
    auto r = conn->exec("SELECT pg_is_in_recovery()");
    if (r.text(0, 0) == "t")
      return std::string("the database is a read-only standby (in recovery)");
    return std::nullopt;
  } catch (const StoreError& e) {
    return std::string("the database does not answer (") + e.what() + ")";
  }
}

std::uint64_t PostgresStore::generation(std::string_view key) const {
  return impl_->stamps.generation(key);
}

bool PostgresStore::following() const {
  return impl_->stamps.trusted();
}

const StoreStats* PostgresStore::stats() const {
  return &impl_->stats;
}

std::optional<ChangeFollowing> PostgresStore::changeFollowing() const {
  const auto& f = *impl_->follower;
  return ChangeFollowing{.following = impl_->stamps.trusted(),
                         .appliedSeq = f.appliedSeq(),
                         .applied = f.applied(),
                         .connects = f.connects(),
                         .resets = f.resets()};
}

int PostgresStore::schemaVersion() {
  Lease conn(*impl_);
  return postgres::currentSchemaVersion(*conn);
}

std::string PostgresStore::describe() const {
  return postgres::redactedUrl(impl_->options.url);
}

}  // namespace astro::store
