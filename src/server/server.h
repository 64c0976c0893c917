// Server: astro-server's HTTP front. Owns one acceptor thread, N I/O threads (each with its own
// io_context; the sessions run there), a pool of worker threads (the request handlers, store work
// included, run there: http::WorkerPool) and the SIGINT/SIGTERM
// handling (and SIGHUP, which reloads the TLS certificate). Stopping: the acceptor closes, idle
// connections close, requests in flight finish (bounded by ServerSettings::shutdownGrace), then the
// threads end. The Services and Store passed in must outlive the Server.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/result.h"
#include "server/http/server_settings.h"
#include "service/services.h"
#include "store/store.h"

namespace astro::server {

class Server {
 public:
  Server(ServerSettings settings, service::Services& services, store::Store& store);
  ~Server();  // requests a stop and waits for it when still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads. Fails (nothing started) when the address cannot be used.
  core::Result<void> start();
  // The bound port (useful with port 0) and "host:port" ("[::1]:8888" for IPv6).
  std::uint16_t port() const;
  std::string listenAddress() const;
  unsigned ioThreads() const;
  unsigned workerThreads() const;

  // Starts a graceful stop; returns at once. Thread-safe; also what SIGINT/SIGTERM do.
  void requestStop();
  // Reads the TLS certificate and key again (what SIGHUP does): new connections get them, open
  // ones keep theirs. On failure the previous ones stay. Thread-safe.
  core::Result<void> reloadTls();
  // Blocks until a stop was requested and completed (in-flight requests done or the grace
  // period over, every thread joined).
  void wait();

 private:
  void watchReload();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace astro::server
