// Which proxy, if any, a request goes through: HTTPS_PROXY for https, HTTP_PROXY for http
// (upper or lower case), unless NO_PROXY matches the host. As in Go's net/http, loopback hosts
// never use a proxy. Pure: the environment is passed in.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "client/url.h"

namespace astro::client {

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// The proxy URL to use for `target`, or nullopt for a direct connection. A proxy given without a
// scheme ("proxy:3128") is taken as http://.
std::optional<ParsedUrl> proxyFor(const ParsedUrl& target, const EnvLookup& getenv);
// NO_PROXY matching: "*", exact host, "example.com" / ".example.com" (the domain and its
// subdomains), with an optional ":port" that must then match too.
bool noProxyMatches(const std::string& noProxy, const ParsedUrl& target);

}  // namespace astro::client
