#include "core/domain_url.h"

namespace astro::core {

std::string baseUrlForDomain(std::string_view domain) {
  std::string d(domain);
  while (!d.empty() && d.back() == '/') d.pop_back();
  if (d.find("://") != std::string::npos) return d;
  if (d.empty()) d = "astronomer.io";
  bool local = d == "localhost" || d == "127.0.0.1" || d == "[::1]" || d == "::1";
  bool hasPort = false;
  if (auto colon = d.rfind(':'); colon != std::string::npos && d != "::1") {
    // host:port (IPv6 literals must be bracketed: [::1]:8888)
    auto bracket = d.rfind(']');
    hasPort = bracket == std::string::npos || colon > bracket;
  }
  if (d == "::1") d = "[::1]";
  if (local || hasPort) return "http://" + d + (hasPort ? "" : ":8888");
  if (d.rfind("cloud.", 0) == 0) d = d.substr(6);
  return "https://api." + d;
}

std::string contextKeyForDomain(std::string_view domain) {
  std::string key(domain);
  for (char& c : key)
    if (c == '.') c = '_';
  return key;
}

}  // namespace astro::core
