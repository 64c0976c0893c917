#include "server/server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <condition_variable>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "server/handlers/api_handler.h"
#include "server/http/listener.h"
#include "server/http/rate_limited_handler.h"
#include "server/http/tls_context.h"
#include "server/http/transport.h"
#include "server/http/worker_pool.h"
#include "server/logging/logging.h"
#include "server/metrics/metrics.h"
#include "store/store_stats.h"

namespace astro::server {

namespace net = boost::asio;

struct Server::Impl {
  using WorkGuard = net::executor_work_guard<net::io_context::executor_type>;

  Impl(ServerSettings s, service::Services& services, store::Store& store)
      : settings(std::move(s)),
        services(services),
        api(services, store, {settings.auditExports, &stats}),
        limited(api, settings.perAddress, settings.perCredential),
        transport(settings, limited, stats) {
    addMetricReaders();
    if (const store::StoreStats* counted = store.stats()) addStoreReaders(*counted);
    if (store.changeFollowing()) addFollowerReaders(store);
  }

  // How this replica follows the other replicas' changes (PostgreSQL only).
  void addFollowerReaders(const store::Store& store) {
    using Sample = metrics::Metrics::Sample;
    auto one = [&store](auto field) {
      return [&store, field] {
        const auto f = store.changeFollowing().value_or(store::ChangeFollowing{});
        return std::vector<Sample>{{"", static_cast<double>(f.*field)}};
      };
    };
    stats.addReader("astro_store_change_follower_up",
                    "1 while this replica follows the other replicas' changes (connected, caught "
                    "up); 0 while it cannot, and every request reads the database.",
                    "gauge", one(&store::ChangeFollowing::following));
    stats.addReader("astro_store_change_follower_applied_seq",
                    "The last change_log sequence number this replica applied.", "gauge",
                    one(&store::ChangeFollowing::appliedSeq));
    stats.addReader("astro_store_change_follower_changes_applied_total",
                    "Changes written by other replicas that this replica applied to its caches.",
                    "counter", one(&store::ChangeFollowing::applied));
    stats.addReader("astro_store_change_follower_connects_total",
                    "Connections the change follower made (more than one: it reconnected).",
                    "counter", one(&store::ChangeFollowing::connects));
    stats.addReader("astro_store_change_follower_resets_total",
                    "Times this replica dropped everything it cached: changes were pruned from "
                    "the change log before it saw them.",
                    "counter", one(&store::ChangeFollowing::resets));
  }

  // `name="value"` for a value that needs no escaping (built in steps: GCC 12 warns wrongly on
  // `std::string(...) + ptr + "..."`, -Wrestrict).
  static std::string label(std::string_view name, std::string_view value) {
    std::string out(name);
    out.append("=\"").append(value).append("\"");
    return out;
  }

  // The store's transaction latency and failures (a backend that counts nothing has neither).
  void addStoreReaders(const store::StoreStats& counted) {
    using Sample = metrics::Metrics::Sample;
    stats.addReader("astro_store_transaction_duration_seconds",
                    "Time from the start of a store transaction (its wait for a write turn "
                    "included) to its commit or rollback, by mode.",
                    "histogram", [&counted] {
                      const auto s = counted.snapshot();
                      std::vector<Sample> out;
                      for (const auto& [mode, h] : {std::pair{"read", &s.read}, {"write", &s.write}})
                        metrics::Metrics::appendHistogram(out, label("mode", mode),
                                                          store::StoreStats::kBuckets, h->buckets,
                                                          h->sumSeconds, h->count);
                      return out;
                    });
    stats.addReader(
        "astro_store_failures_total",
        "Store failures by kind (io: the database failed; busy: no write turn in time; "
        "unavailable: the database cannot take writes now). The server log says why.",
        "counter", [&counted] {
          const auto s = counted.snapshot();
          std::vector<Sample> out;
          for (auto kind : {store::StoreError::Kind::Io, store::StoreError::Kind::Busy,
                            store::StoreError::Kind::Unavailable})
            out.push_back({label("kind", store::kindName(kind)),
                           static_cast<double>(s.failures[static_cast<std::size_t>(kind)])});
          return out;
        });
  }

  // What /metrics reads from the other parts at every scrape.
  void addMetricReaders() {
    using Sample = metrics::Metrics::Sample;
    stats.addReader("astro_http_connections_open", "Connections open now.", "gauge", [this] {
      return std::vector<Sample>{{"", static_cast<double>(transport.registry.size())}};
    });
    stats.addReader(
        "astro_http_requests_in_handlers",
        "Requests waiting for a worker thread or being handled on one now (at most "
        "one per open connection; many waiting: see --worker-threads).",
        "gauge", [this] {
          return std::vector<Sample>{{"", workers ? static_cast<double>(workers->pending()) : 0.0}};
        });
    stats.addReader(
        "astro_http_rate_limited_total", "Requests answered 429, by the limit that refused them.",
        "counter", [this] {
          return std::vector<Sample>{
              {"limit=\"per_address\"", static_cast<double>(limited.refusedByAddress())},
              {"limit=\"per_credential\"", static_cast<double>(limited.refusedByCredential())}};
        });
    stats.addReader(
        "astro_cache_lookups_total",
        "Read-cache lookups by cache and result (hit: reused; miss: read from the store).",
        "counter", [this] {
          std::vector<Sample> out;
          auto add = [&out](const char* cache, service::CacheStats s) {
            const std::string c = label("cache", cache);
            out.push_back({c + ",result=\"hit\"", static_cast<double>(s.hits)});
            out.push_back({c + ",result=\"miss\"", static_cast<double>(s.misses)});
          };
          add("authenticated_tokens", services.auth.tokenCacheStats());
          add("refused_values", services.auth.refusalCacheStats());
          add("tokens", services.tokens.tokenCacheStats());
          add("token_pages", services.tokens.pageCacheStats());
          return out;
        });
  }

  // Declaration order matters for destruction: sessions left in the I/O contexts reference the
  // transport and the handler, so those are declared first (destroyed last).
  ServerSettings settings;
  service::Services& services;
  metrics::Metrics stats;  // what /metrics shows
  handlers::ApiHandler api;
  http::RateLimitedHandler limited;
  http::TransportContext transport;
  // A pending accept in acceptContext holds a socket of an I/O context: the I/O contexts must
  // outlive the acceptor's context.
  std::vector<std::unique_ptr<net::io_context>> ioContexts;
  net::io_context acceptContext{1};
  std::vector<WorkGuard> guards;
  std::optional<net::signal_set> signals;
  std::optional<net::signal_set> reloadSignal;  // SIGHUP: reload the TLS certificate
  std::shared_ptr<http::Listener> listener;
  std::vector<std::thread> threads;
  // Declared after the I/O contexts and the transport: work it drops at stop holds sessions of
  // those contexts, so it goes first.
  std::optional<http::WorkerPool> workers;
  net::ip::tcp::endpoint endpoint;

  std::mutex mutex;
  std::condition_variable cv;
  bool started = false;
  bool stopRequested = false;
  bool finished = false;
};

Server::Server(ServerSettings settings, service::Services& services, store::Store& store)
    : impl_(std::make_unique<Impl>(std::move(settings), services, store)) {}

Server::~Server() {
  if (impl_->started && !impl_->finished) {
    requestStop();
    wait();
  }
}

core::Result<void> Server::start() {
  auto& d = *impl_;
  if (!d.settings.tlsCertFile.empty() || !d.settings.tlsKeyFile.empty()) {
    if (d.settings.tlsCertFile.empty() || d.settings.tlsKeyFile.empty())
      return core::Error::invalid("TLS needs both a certificate and a key file");
    auto tls = http::TlsContext::load(d.settings.tlsCertFile, d.settings.tlsKeyFile);
    if (!tls.ok()) return tls.error();
    d.transport.tls = std::move(tls).value();
  }
  unsigned n = d.settings.threads ? d.settings.threads : std::thread::hardware_concurrency();
  if (n == 0) n = 1;
  d.workers.emplace(d.settings.workerThreads);
  d.transport.workers = &*d.workers;
  std::vector<net::io_context*> raw;
  for (unsigned i = 0; i < n; ++i) {
    d.ioContexts.push_back(std::make_unique<net::io_context>(1));
    raw.push_back(d.ioContexts.back().get());
    d.guards.push_back(net::make_work_guard(*d.ioContexts.back()));
  }
  d.listener = std::make_shared<http::Listener>(d.acceptContext, raw, d.transport);
  if (auto r = d.listener->listen(d.settings.host, d.settings.port); !r.ok()) {
    d.guards.clear();
    return r;
  }
  d.endpoint = d.listener->localEndpoint();
  d.listener->start();
  if (d.settings.handleSignals) {
    d.signals.emplace(d.acceptContext, SIGINT, SIGTERM);
    d.signals->async_wait([this](const boost::system::error_code& ec, int sig) {
      if (ec) return;
      logging::info(std::string("received ") + (sig == SIGINT ? "SIGINT" : "SIGTERM") +
                    "; stopping");
      requestStop();
    });
    if (d.transport.tls) watchReload();
  }
  d.guards.push_back(net::make_work_guard(d.acceptContext));
  d.threads.emplace_back([&d] { d.acceptContext.run(); });
  for (auto& io : d.ioContexts) d.threads.emplace_back([ctx = io.get()] { ctx->run(); });
  std::lock_guard lock(d.mutex);
  d.started = true;
  return {};
}

void Server::watchReload() {
  auto& d = *impl_;
  if (!d.reloadSignal) d.reloadSignal.emplace(d.acceptContext, SIGHUP);
  d.reloadSignal->async_wait([this](const boost::system::error_code& ec, int) {
    if (ec) return;
    auto r = reloadTls();
    if (r.ok()) {
      logging::info("SIGHUP: TLS certificate reloaded from " + impl_->transport.tls->certFile());
    } else {
      logging::error("SIGHUP: TLS certificate not reloaded (still serving the previous one): " +
                     r.error().message);
    }
    watchReload();
  });
}

core::Result<void> Server::reloadTls() {
  if (!impl_->transport.tls) return core::Error::invalid("this server does not serve TLS");
  return impl_->transport.tls->reload();
}

std::uint16_t Server::port() const {
  return impl_->endpoint.port();
}

std::string Server::listenAddress() const {
  auto& e = impl_->endpoint;
  auto host = e.address().to_string();
  if (e.address().is_v6()) host = "[" + host + "]";
  return host + ":" + std::to_string(e.port());
}

unsigned Server::ioThreads() const {
  return static_cast<unsigned>(impl_->ioContexts.size());
}

unsigned Server::workerThreads() const {
  return impl_->workers ? impl_->workers->threads() : 0;
}

void Server::requestStop() {
  auto& d = *impl_;
  {
    std::lock_guard lock(d.mutex);
    if (!d.started || d.stopRequested) return;
    d.stopRequested = true;
  }
  d.listener->stop();
  net::post(d.acceptContext, [&d] {
    boost::system::error_code ec;
    if (d.signals) d.signals->cancel(ec);
    if (d.reloadSignal) d.reloadSignal->cancel(ec);
  });
  d.transport.registry.stopAll();
  d.cv.notify_all();
}

void Server::wait() {
  auto& d = *impl_;
  {
    std::unique_lock lock(d.mutex);
    if (!d.started || d.finished) return;
    d.cv.wait(lock, [&] { return d.stopRequested; });
  }
  auto deadline = std::chrono::steady_clock::now() + d.settings.shutdownGrace;
  if (!d.transport.registry.waitIdle(deadline)) {
    logging::warn("shutdown: " + std::to_string(d.transport.registry.size()) +
                  " connection(s) still busy after the grace period; closing them");
  }
  // Before the I/O threads: a handler still running finishes, and posts its answer to a context
  // that is still there.
  d.workers->stop();
  d.guards.clear();
  d.acceptContext.stop();
  for (auto& io : d.ioContexts) io->stop();
  for (auto& t : d.threads)
    if (t.joinable()) t.join();
  std::lock_guard lock(d.mutex);
  d.finished = true;
}

}  // namespace astro::server
