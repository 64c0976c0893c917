// TransportContext: what every session of one server shares (settings, the request handler,
// the connection registry). Owned by the Server; outlives every session.
#pragma once

#include "server/http/connection_registry.h"
#include "server/http/request_handler.h"
#include "server/http/server_settings.h"

namespace astro::server::http {

struct TransportContext {
  TransportContext(const ServerSettings& s, RequestHandler& h)
      : settings(s), handler(h), registry(s.maxConnections) {}
  const ServerSettings settings;
  RequestHandler& handler;
  ConnectionRegistry registry;
};

}  // namespace astro::server::http
