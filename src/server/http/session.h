// HTTP/1.1 sessions (Boost.Beast), one per accepted connection: keep-alive, read/idle/write
// timeouts, header and body limits (431/413 then a clean close). Include only from transport
// .cpp files: it brings in Asio.
#pragma once

#include <boost/asio/ip/tcp.hpp>

#include "server/http/transport.h"

namespace astro::server::http {

// Serves requests on `socket` (whose executor is the strand of an I/O context) until the client
// closes, a timeout or limit hits, or the server stops. Refuses it (503) at the connection limit.
void startSession(boost::asio::ip::tcp::socket socket, TransportContext& transport);

}  // namespace astro::server::http
