// The Beast/Asio implementation of HttpTransport. Beast, Asio and OpenSSL headers stay in this
// one file so the rest of the CLI compiles fast.
#include <openssl/ssl.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <exception>

#include "client/http_transport.h"
#include "client/proxy.h"
#include "client/url.h"

namespace astro::client {

std::string HttpResponse::header(std::string_view name) const {
  auto eq = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(a[i])) !=
          std::tolower(static_cast<unsigned char>(b[i])))
        return false;
    return true;
  };
  for (const auto& [k, v] : headers)
    if (eq(k, name)) return v;
  return "";
}

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

std::string seconds(std::chrono::milliseconds ms) {
  auto s = ms.count() / 1000;
  return s * 1000 == ms.count() ? std::to_string(s) + "s" : std::to_string(ms.count()) + "ms";
}

struct TransportFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class BeastTransport final : public HttpTransport {
 public:
  explicit BeastTransport(TransportOptions o) : options_(std::move(o)) {}

  core::Result<HttpResponse> send(const HttpRequest& request) override {
    auto url = parseUrl(request.url);
    if (!url) return core::Error{core::ErrorCode::Unavailable, "invalid URL " + request.url, {}};
    auto proxy = proxyFor(*url, options_.getenv);
    const ParsedUrl& hop = proxy ? *proxy : *url;
    if (proxy && proxy->scheme != "http")
      return core::Error{core::ErrorCode::Unavailable,
                         "unsupported proxy scheme " + proxy->scheme + " (use an http:// proxy)",
                         {}};
    bool tlsWanted = url->scheme == "https";
    if (tlsWanted && !ssl_) {
      // The CA store is read only now, when an https URL is used for the first time.
      ssl_ = std::make_unique<ssl::context>(ssl::context::tls_client);
      ssl_->set_default_verify_paths();
      ssl_->set_verify_mode(ssl::verify_peer);
    }

    asio::io_context ioc;
    tcp::resolver resolver(ioc);
    asio::steady_timer deadline(ioc);
    beast::tcp_stream stream(ioc);
    std::optional<beast::ssl_stream<beast::tcp_stream&>> tls;
    HttpResponse response;
    std::exception_ptr failure;
    bool timedOut = false;
    const auto connectTimeout = std::min(options_.connectTimeout, options_.totalTimeout);
    const auto until = std::chrono::steady_clock::now() + options_.totalTimeout;

    deadline.expires_at(until);
    deadline.async_wait([&](beast::error_code ec) {
      if (ec) return;
      timedOut = true;
      resolver.cancel();
      stream.cancel();
    });

    auto exchange = [&]() -> asio::awaitable<void> {
      auto endpoints = co_await resolver.async_resolve(hop.host, hop.port, asio::use_awaitable);
      stream.expires_after(connectTimeout);
      try {
        co_await stream.async_connect(endpoints, asio::use_awaitable);
      } catch (const boost::system::system_error& e) {
        if (e.code() == beast::error::timeout)
          throw TransportFailure("connection timed out after " + seconds(connectTimeout));
        throw;
      }
      stream.expires_at(until);
      if (proxy && tlsWanted) {
        // CONNECT tunnel through the proxy, then TLS end to end with the target.
        http::request<http::empty_body> connect{http::verb::connect, url->authority(false), 11};
        connect.set(http::field::host, url->authority(false));
        co_await http::async_write(stream, connect, asio::use_awaitable);
        beast::flat_buffer buf;
        http::response_parser<http::empty_body> parser;
        parser.skip(true);
        co_await http::async_read_header(stream, buf, parser, asio::use_awaitable);
        if (parser.get().result_int() != 200)
          throw TransportFailure("proxy " + proxy->authority() + " refused the tunnel: HTTP " +
                                 std::to_string(parser.get().result_int()));
      }
      http::request<http::string_body> req;
      req.method(http::string_to_verb(request.method));
      req.method_string(request.method);
      req.target(proxy && !tlsWanted ? request.url : url->target);
      req.version(11);
      req.set(http::field::host, url->authority());
      for (const auto& [k, v] : request.headers) req.set(k, v);
      if (request.body) {
        req.body() = *request.body;
        req.prepare_payload();
      }
      http::response_parser<http::string_body> parser;
      parser.body_limit(options_.maxResponseBytes);
      beast::flat_buffer buf;
      if (tlsWanted) {
        tls.emplace(stream, *ssl_);
        if (!url->ipv6 && !SSL_set_tlsext_host_name(tls->native_handle(), url->host.c_str()))
          throw TransportFailure("cannot set TLS server name");
        tls->set_verify_callback(ssl::host_name_verification(url->host));
        co_await tls->async_handshake(ssl::stream_base::client, asio::use_awaitable);
        co_await http::async_write(*tls, req, asio::use_awaitable);
        co_await http::async_read(*tls, buf, parser, asio::use_awaitable);
      } else {
        co_await http::async_write(stream, req, asio::use_awaitable);
        co_await http::async_read(stream, buf, parser, asio::use_awaitable);
      }
      auto& res = parser.get();
      response.status = static_cast<int>(res.result_int());
      for (const auto& field : res)
        response.headers.emplace_back(field.name_string(), field.value());
      response.body = std::move(res.body());
      deadline.cancel();
      beast::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    };

    asio::co_spawn(ioc, exchange, [&](std::exception_ptr e) {
      failure = e;
      deadline.cancel();
    });
    ioc.run();

    if (!failure) return response;
    if (timedOut)
      return core::Error{core::ErrorCode::Unavailable,
                         "request timed out after " + seconds(options_.totalTimeout),
                         {}};
    try {
      std::rethrow_exception(failure);
    } catch (const TransportFailure& e) {
      return core::Error{core::ErrorCode::Unavailable, e.what(), {}};
    } catch (const boost::system::system_error& e) {
      std::string cause = e.code().message();
      if (e.code() == beast::error::timeout)
        cause = "request timed out after " + seconds(options_.totalTimeout);
      if (e.code() == http::error::body_limit) cause = "response body too large";
      if (proxy) cause = "via proxy " + proxy->authority() + ": " + cause;
      return core::Error{core::ErrorCode::Unavailable, cause, {}};
    } catch (const std::exception& e) {
      return core::Error{core::ErrorCode::Unavailable, e.what(), {}};
    }
  }

 private:
  TransportOptions options_;
  std::unique_ptr<ssl::context> ssl_;
};

}  // namespace

std::unique_ptr<HttpTransport> makeBeastTransport(TransportOptions options) {
  return std::make_unique<BeastTransport>(std::move(options));
}

}  // namespace astro::client
