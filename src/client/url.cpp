#include "client/url.h"

#include <algorithm>
#include <cctype>

namespace astro::client {

std::string ParsedUrl::authority(bool omitDefaultPort) const {
  std::string h = ipv6 ? "[" + host + "]" : host;
  bool isDefault = (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
  if (omitDefaultPort && isDefault) return h;
  return h + ":" + port;
}

std::optional<ParsedUrl> parseUrl(std::string_view url) {
  auto sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  ParsedUrl u;
  u.scheme = std::string(url.substr(0, sep));
  std::transform(u.scheme.begin(), u.scheme.end(), u.scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (u.scheme != "http" && u.scheme != "https") return std::nullopt;
  std::string_view rest = url.substr(sep + 3);
  auto slash = rest.find_first_of("/?#");
  std::string_view auth = rest.substr(0, slash);
  u.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (!u.target.empty() && u.target[0] == '?') u.target = "/" + u.target;
  if (auto hash = u.target.find('#'); hash != std::string::npos) u.target.erase(hash);
  if (u.target.empty()) u.target = "/";
  if (auto at = auth.rfind('@'); at != std::string_view::npos) auth = auth.substr(at + 1);
  if (auth.empty()) return std::nullopt;
  std::string_view portPart;
  if (auth[0] == '[') {
    auto close = auth.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    u.host = std::string(auth.substr(1, close - 1));
    u.ipv6 = true;
    auto after = auth.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return std::nullopt;
      portPart = after.substr(1);
    }
  } else {
    auto colon = auth.rfind(':');
    u.host = std::string(auth.substr(0, colon));
    if (colon != std::string_view::npos) portPart = auth.substr(colon + 1);
  }
  if (u.host.empty()) return std::nullopt;
  if (!portPart.empty()) {
    if (portPart.size() > 5 || !std::all_of(portPart.begin(), portPart.end(),
                                            [](unsigned char c) { return std::isdigit(c) != 0; }))
      return std::nullopt;
    u.port = std::string(portPart);
  } else {
    u.port = u.scheme == "https" ? "443" : "80";
  }
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
