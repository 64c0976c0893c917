#include "client/url.h"

#include <algorithm>
#include <cctype>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace astro::client {

std::string ParsedUrl::authority(bool omitDefaultPort) const {
  std::string h = ipv6 ? "[" + host + "]" : host;
  bool isDefault = (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
  if (omitDefaultPort && isDefault) return h;
  return h + ":" + port;
}

std::optional<ParsedUrl> parseUrl(std::string_view input) {
  // A NUL-terminated copy: Boost.URL 1.81 can read one byte past the end of the view it parses.
  const std::string text(input);
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed || !parsed->has_authority()) return std::nullopt;
  ParsedUrl u;
  u.scheme = std::string(parsed->scheme());
  std::transform(u.scheme.begin(), u.scheme.end(), u.scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (u.scheme != "http" && u.scheme != "https") return std::nullopt;
  u.ipv6 = parsed->host_type() == boost::urls::host_type::ipv6;
  u.host = u.ipv6 ? parsed->host_ipv6_address().to_string() : std::string(parsed->host());
  if (u.host.empty()) return std::nullopt;
  if (parsed->has_port()) {
    std::string_view port = parsed->port();
    if (port.empty() || port.size() > 5) return std::nullopt;
    u.port = std::string(port);
  } else {
    u.port = u.scheme == "https" ? "443" : "80";
  }
  u.target = std::string(parsed->encoded_path());
  if (u.target.empty()) u.target.push_back('/');  // (not = "/": GCC 12 -Wrestrict false positive)
  if (parsed->has_query()) u.target.append("?").append(parsed->encoded_query());
  return u;
}

std::string percentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace astro::client
