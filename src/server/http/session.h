// HTTP/1.1 sessions (Boost.Beast), one per accepted connection: keep-alive, read/idle/write
// timeouts, header and body limits (431/413 then a clean close). Include only from transport
// .cpp files: it brings in Asio.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "server/http/deadline_sweeper.h"

#include "server/http/transport.h"

namespace astro::server::http {

// A connection's socket, bound to the I/O context that serves it (no type-erased executor).
using SessionSocket =
    boost::asio::basic_stream_socket<boost::asio::ip::tcp, boost::asio::io_context::executor_type>;

// Serves requests on `socket` until the client closes, a timeout or limit hits, or the server
// stops; `sweeper` (of the socket's I/O context) enforces its timeouts. Refuses it (503) at the
// connection limit.
void startSession(SessionSocket socket, TransportContext& transport, DeadlineSweeper& sweeper);

}  // namespace astro::server::http
