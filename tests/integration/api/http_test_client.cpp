#include "http_test_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>

#include <zlib.h>

#include <sys/socket.h>
#include <sys/time.h>
#include <stdexcept>

namespace astro::test {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;

namespace {
bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}
}  // namespace

std::string HttpResult::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (iequals(k, name)) return v;
  return "";
}

bool HttpResult::has(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (iequals(k, name)) return true;
  return false;
}

boost::json::value HttpResult::json() const {
  return boost::json::parse(body);
}

std::string gunzip(std::string_view data) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) throw std::runtime_error("inflateInit2 failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof buffer;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      throw std::runtime_error("not a valid gzip stream");
    }
    out.append(buffer, sizeof buffer - zs.avail_out);
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      throw std::runtime_error("truncated gzip stream");
    }
  }
  bool trailing = zs.avail_in != 0;
  inflateEnd(&zs);
  if (trailing) throw std::runtime_error("bytes after the gzip stream");
  return out;
}

struct TestConnection::Impl {
  net::io_context io;
  net::ip::tcp::socket socket{io};
  boost::beast::flat_buffer buffer;
};

TestConnection::TestConnection(std::uint16_t port, std::chrono::milliseconds timeout,
                               std::string_view from)
    : impl_(std::make_unique<Impl>()) {
  if (!from.empty()) {
    impl_->socket.open(net::ip::tcp::v4());
    impl_->socket.bind({net::ip::make_address(std::string(from)), 0});
  }
  impl_->socket.connect({net::ip::make_address("127.0.0.1"), port});
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(impl_->socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(impl_->socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

TestConnection::~TestConnection() = default;

HttpResult TestConnection::request(std::string_view method, std::string_view target,
                                   std::string_view body, const Headers& headers) {
  bhttp::request<bhttp::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = std::string(body);
  if (!body.empty() || method == "POST") req.prepare_payload();
  bhttp::write(impl_->socket, req);
  return readResponse(method == "HEAD");
}

void TestConnection::writeRaw(std::string_view bytes) {
  net::write(impl_->socket, net::buffer(bytes.data(), bytes.size()));
}

HttpResult TestConnection::readResponse(bool toHead) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.skip(toHead);
  bhttp::read(impl_->socket, impl_->buffer, parser);
  auto& res = parser.get();
  HttpResult out;
  out.status = static_cast<int>(res.result_int());
  out.body = res.body();
  out.keepAlive = res.keep_alive();
  for (const auto& f : res) out.headers.emplace_back(f.name_string(), f.value());
  return out;
}

bool TestConnection::closedByPeer(std::string* rest) {
  if (rest) {
    auto buffered = impl_->buffer.data();
    rest->append(static_cast<const char*>(buffered.data()), buffered.size());
  }
  impl_->buffer.clear();
  char c;
  boost::system::error_code ec;
  while (true) {
    std::size_t n = impl_->socket.read_some(net::buffer(&c, 1), ec);
    if (n == 1 && rest) rest->push_back(c);
    if (ec == net::error::eof || ec == net::error::connection_reset) return true;
    if (ec) return false;  // timeout (EAGAIN) or something else: still open
  }
}

}  // namespace astro::test
