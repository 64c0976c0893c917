#include "server/http/listener.h"

#include <boost/asio/post.hpp>

#include <algorithm>

#include "server/http/session.h"
#include "server/logging/logging.h"

namespace astro::server::http {

namespace net = boost::asio;
using net::ip::tcp;

Listener::Listener(net::io_context& acceptContext, std::vector<net::io_context*> ioContexts,
                   TransportContext& transport)
    : acceptContext_(acceptContext),
      ioContexts_(std::move(ioContexts)),
      transport_(transport),
      acceptor_(acceptContext),
      retryTimer_(acceptContext) {
  const auto& s = transport.settings;
  const auto tick = DeadlineSweeper::tickFor(
      std::min({s.readTimeout, s.writeTimeout, s.idleTimeout, s.lingerTimeout}));
  for (auto* io : ioContexts_) sweepers_.push_back(std::make_unique<DeadlineSweeper>(*io, tick));
}

core::Result<void> Listener::listen(const std::string& host, std::uint16_t port) {
  boost::system::error_code ec;
  auto address = net::ip::make_address(host, ec);
  auto fail = [&](const char* what) -> core::Result<void> {
    return core::Error{
        core::ErrorCode::Unavailable,
        "cannot listen on " + host + ":" + std::to_string(port) + ": " + what + ": " + ec.message(),
        {}};
  };
  if (ec) return fail("not an IP address");
  tcp::endpoint endpoint(address, port);
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return fail("open");
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return fail("set_option");
  acceptor_.bind(endpoint, ec);
  if (ec) return fail("bind");
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen");
  return {};
}

tcp::endpoint Listener::localEndpoint() const {
  boost::system::error_code ec;
  return acceptor_.local_endpoint(ec);
}

void Listener::start() {
  for (auto& sweeper : sweepers_) sweeper->start();
  net::post(acceptContext_, [self = shared_from_this()] { self->accept(); });
}

void Listener::stop() {
  net::post(acceptContext_, [self = shared_from_this()] {
    boost::system::error_code ec;
    self->acceptor_.close(ec);
    self->retryTimer_.cancel();
  });
}

void Listener::accept() {
  if (!acceptor_.is_open()) return;
  const std::size_t which = next_++ % ioContexts_.size();
  // Each I/O context is run by exactly one thread, so a session's handlers never run concurrently:
  // the context's own executor serializes them without the cost of a strand.
  auto socket = std::make_unique<SessionSocket>(ioContexts_[which]->get_executor());
  SessionSocket& peer = *socket;
  acceptor_.async_accept(
      peer, [self = shared_from_this(), which, socket = std::move(socket)](
                boost::system::error_code ec) mutable {
        if (ec == net::error::operation_aborted || !self->acceptor_.is_open()) return;
        if (ec) {
          // Out of file descriptors and the like: back off briefly instead of spinning.
          logging::warn("accept failed: " + ec.message());
          self->retryTimer_.expires_after(std::chrono::milliseconds(50));
          self->retryTimer_.async_wait([self](boost::system::error_code e) {
            if (!e) self->accept();
          });
          return;
        }
        startSession(std::move(*socket), self->transport_, *self->sweepers_[which]);
        self->accept();
      });
}

}  // namespace astro::server::http
