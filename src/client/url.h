// Absolute-URL handling for the client (parsing by Boost.URL): split a URL into what a request
// and the proxy logic need, and percent-encode a path segment or a query value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace astro::client {

struct ParsedUrl {
  std::string scheme;  // "http" | "https" (lower case)
  std::string host;    // without brackets for IPv6 literals
  std::string port;    // explicit or the scheme's default
  std::string target;  // path and query, at least "/"
  bool ipv6 = false;
  // host[:port] as written in a Host header or a CONNECT line (brackets for IPv6; port omitted
  // when it is the scheme's default and omitDefaultPort).
  std::string authority(bool omitDefaultPort = true) const;
};

std::optional<ParsedUrl> parseUrl(std::string_view url);
// RFC 3986 unreserved characters pass through; everything else becomes %XX.
std::string percentEncode(std::string_view s);

}  // namespace astro::client
