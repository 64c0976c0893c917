// The HTTP seam of the client: a request/response pair of plain values and a one-method
// interface, so the API client and the CLI never see Beast or Asio types and tests inject a fake.
// A transport is used by one thread at a time.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace astro::client {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // "GET", "POST", "DELETE"
  std::string url;     // absolute: scheme://host[:port]/path?query
  Headers headers;
  std::optional<std::string> body;  // nullopt: no body at all (no Content-Length either)
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;

  // Case-insensitive header lookup ("" when absent).
  std::string header(std::string_view name) const;
};

// A transport failure (DNS, refused, TLS, timeout) is an Error with code Unavailable whose message
// is the cause alone; the API client adds which server could not be reached.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual core::Result<HttpResponse> send(const HttpRequest& request) = 0;
};

struct TransportOptions {
  std::chrono::milliseconds connectTimeout{10'000};
  std::chrono::milliseconds totalTimeout{60'000};
  std::size_t maxResponseBytes = 64u << 20;
  // Reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (and lower-case forms); nullptr: no proxy.
  std::function<std::optional<std::string>(const std::string&)> getenv;
};

// The real transport: Boost.Beast over TCP, Asio SSL (peer and host name verified, SNI) for
// https; the CA store is loaded only when an https URL is requested.
std::unique_ptr<HttpTransport> makeBeastTransport(TransportOptions options);

}  // namespace astro::client
