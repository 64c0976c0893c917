// TransportContext: what every session of one server shares (settings, the request handler,
// the metrics, the connection registry). Owned by the Server; outlives every session.
#pragma once

#include <memory>

#include "server/http/connection_registry.h"
#include "server/http/request_handler.h"
#include "server/http/server_settings.h"
#include "server/metrics/metrics.h"

namespace astro::server::http {

class TlsContext;
class WorkerPool;

struct TransportContext {
  TransportContext(const ServerSettings& s, RequestHandler& h, metrics::Metrics& m)
      : settings(s),
        handler(h),
        metrics(m),
        registry(s.maxConnections, s.maxConnectionsPerAddress) {}
  const ServerSettings settings;
  RequestHandler& handler;
  metrics::Metrics& metrics;
  ConnectionRegistry registry;
  // Set (before the server starts) when it serves TLS; null for plain HTTP.
  std::shared_ptr<TlsContext> tls;
  // Where handlers that may block run (set before the server starts; outlives every session's
  // requests: the server stops it before the I/O threads).
  WorkerPool* workers = nullptr;
};

}  // namespace astro::server::http
