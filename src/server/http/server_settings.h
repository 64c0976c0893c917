// ServerSettings: every transport limit of astro-server as a named setting with its default
// (docs/design-notes.md "Server"). Plain data; copied into the server at start.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "server/http/rate_limiter.h"

namespace astro::server {

struct ServerSettings {
  // Address literal to bind ("127.0.0.1", "::1", "0.0.0.0"); port 0 picks a free port.
  std::string host = "127.0.0.1";
  std::uint16_t port = 8888;
  // I/O threads running sessions: reading, parsing, writing (0:
  // std::thread::hardware_concurrency()).
  unsigned threads = 0;
  // Worker threads running request handlers, which may wait on the store. A handler waiting for
  // a database connection holds its worker: on PostgreSQL more workers than the pool has
  // connections (--db-pool-size, 8 by default) only wait there.
  unsigned workerThreads = 8;
  std::size_t maxBodyBytes = 1048576;             // larger body: 413 and the connection closed
  std::size_t maxHeaderBytes = 16384;             // larger request line + headers: 431, closed
  std::chrono::milliseconds readTimeout{30000};   // to read one whole request once it started
  std::chrono::milliseconds idleTimeout{60000};   // keep-alive wait for the next request
  std::chrono::milliseconds writeTimeout{30000};  // to write one response
  std::size_t maxConnections = 1024;              // beyond it: answered 503 and closed
  // Open connections from one client address (an IPv6 /64) at most, beyond it 503 and closed:
  // so that one client cannot hold every slot (the rest stay for everyone else). 0: no cap.
  std::size_t maxConnectionsPerAddress = 256;
  // Requests per client address (every route but /healthz, /readyz, /metrics): 429 with
  // Retry-After beyond it. Generous: a gateway or a NAT puts many clients behind one address.
  http::RateLimit perAddress{500, 1000};
  // Requests per credential (the Authorization value), wherever they come from.
  http::RateLimit perCredential{100, 200};
  // Audit-log exports per credential: the Astro API's 2 per minute (an export reads up to 90
  // days of records).
  http::RateLimit auditExports{2.0 / 60.0, 2};
  // On stop: how long in-flight requests may take to finish before connections are dropped.
  std::chrono::milliseconds shutdownGrace{10000};
  // After a response that closes the connection early (413, 431, 503), how long unread request
  // bytes are drained so the client sees the response rather than a TCP reset.
  std::chrono::milliseconds lingerTimeout{2000};
  // TLS: PEM certificate (chain) and key files; both empty: plain HTTP. SIGHUP reloads them.
  std::string tlsCertFile;
  std::string tlsKeyFile;
  // Stop on SIGINT/SIGTERM and reload TLS on SIGHUP (the binary); tests that run the server
  // in-process turn it off.
  bool handleSignals = true;
};

}  // namespace astro::server
