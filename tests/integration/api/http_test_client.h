// A small synchronous HTTP/1.1 client over one TCP connection, for the API tests (Beast stays
// inside http_test_client.cpp). Every socket operation has a timeout so a broken server fails a
// test instead of hanging it.
#pragma once

#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace astro::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  int status = 0;
  std::string body;
  Headers headers;
  bool keepAlive = true;
  // Case-insensitive; "" when absent. has() tells absent from empty.
  std::string header(std::string_view name) const;
  bool has(std::string_view name) const;
  boost::json::value json() const;  // throws when the body is not JSON
};

// Decompresses a gzip member (zlib); throws std::runtime_error when `data` is not valid gzip.
std::string gunzip(std::string_view data);

class TestConnection {
 public:
  // `from`: the local (source) address, e.g. "127.0.0.2" to be another client on loopback.
  explicit TestConnection(std::uint16_t port,
                          std::chrono::milliseconds timeout = std::chrono::seconds(10),
                          std::string_view from = {});
  ~TestConnection();
  TestConnection(const TestConnection&) = delete;
  TestConnection& operator=(const TestConnection&) = delete;

  // Sends one request (Host and Content-Length added) and reads the response.
  HttpResult request(std::string_view method, std::string_view target, std::string_view body = {},
                     const Headers& headers = {});
  // Raw bytes, for malformed or partial requests.
  void writeRaw(std::string_view bytes);
  // `toHead`: the response answers a HEAD request (no body follows its header).
  HttpResult readResponse(bool toHead = false);
  // True when the server closed the connection (EOF or reset) within the timeout. Bytes that
  // arrived before the close are appended to `rest` when given.
  bool closedByPeer(std::string* rest = nullptr);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace astro::test
