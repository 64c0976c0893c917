#include "client/proxy.h"

#include <algorithm>
#include <cctype>

namespace astro::client {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::optional<std::string> firstSet(const EnvLookup& getenv, const char* upper, const char* low) {
  if (!getenv) return std::nullopt;
  for (const char* name : {upper, low}) {
    auto v = getenv(name);
    if (v && !v->empty()) return v;
  }
  return std::nullopt;
}

bool isLoopback(const std::string& host) {
  std::string h = lower(host);
  return h == "localhost" || h.ends_with(".localhost") || h == "::1" || h.rfind("127.", 0) == 0;
}

bool endsWithDomain(const std::string& host, const std::string& domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.ends_with(domain) &&
         host[host.size() - domain.size() - 1] == '.';
}

}  // namespace

bool noProxyMatches(const std::string& noProxy, const ParsedUrl& target) {
  std::string host = lower(target.host);
  std::size_t pos = 0;
  while (pos <= noProxy.size()) {
    auto comma = noProxy.find(',', pos);
    std::string entry = lower(trim(noProxy.substr(pos, comma - pos)));
    pos = comma == std::string::npos ? noProxy.size() + 1 : comma + 1;
    if (entry.empty()) continue;
    if (entry == "*") return true;
    std::string port;
    if (entry[0] == '[') {
      auto close = entry.find(']');
      if (close != std::string::npos) {
        if (close + 1 < entry.size() && entry[close + 1] == ':') port = entry.substr(close + 2);
        entry = entry.substr(1, close - 1);
      }
    } else if (auto colon = entry.rfind(':');
               colon != std::string::npos && entry.find(':') == colon) {
      port = entry.substr(colon + 1);
      entry = entry.substr(0, colon);
    }
    if (!port.empty() && port != target.port) continue;
    if (!entry.empty() && entry[0] == '.') entry = entry.substr(1);
    if (!entry.empty() && entry[0] == '*' && entry.size() > 1 && entry[1] == '.')
      entry = entry.substr(2);
    if (endsWithDomain(host, entry)) return true;
  }
  return false;
}

std::optional<ParsedUrl> proxyFor(const ParsedUrl& target, const EnvLookup& getenv) {
  if (isLoopback(target.host)) return std::nullopt;
  auto proxy = target.scheme == "https" ? firstSet(getenv, "HTTPS_PROXY", "https_proxy")
                                        : firstSet(getenv, "HTTP_PROXY", "http_proxy");
  if (!proxy) return std::nullopt;
  if (auto np = firstSet(getenv, "NO_PROXY", "no_proxy"); np && noProxyMatches(*np, target))
    return std::nullopt;
  std::string p = trim(*proxy);
  if (p.find("://") == std::string::npos) p = "http://" + p;
  return parseUrl(p);
}

}  // namespace astro::client
