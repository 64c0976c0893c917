// Listener: the acceptor, run by the server's one acceptor thread. Each accepted socket is
// bound to the next I/O context (round robin), so the session's work never runs on the
// acceptor's thread; each I/O context has a DeadlineSweeper for its sessions' timeouts. Include only from transport .cpp files (Asio types).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "server/http/deadline_sweeper.h"
#include "server/http/transport.h"

namespace astro::server::http {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(boost::asio::io_context& acceptContext, std::vector<boost::asio::io_context*> ioContexts,
           TransportContext& transport);
  // Opens, binds and listens; an error says which address could not be used and why.
  core::Result<void> listen(const std::string& host, std::uint16_t port);
  boost::asio::ip::tcp::endpoint localEndpoint() const;
  void start();  // the accept loop
  void stop();   // closes the acceptor (thread-safe; runs on the acceptor thread)

 private:
  void accept();
  boost::asio::io_context& acceptContext_;
  std::vector<boost::asio::io_context*> ioContexts_;
  std::vector<std::unique_ptr<DeadlineSweeper>> sweepers_;  // one per I/O context
  std::size_t next_ = 0;
  TransportContext& transport_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retryTimer_;
};

}  // namespace astro::server::http
