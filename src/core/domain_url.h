// DOMAIN -> API base URL (product.md "Domains, contexts, login"), and the config key of a domain.
#pragma once

#include <string>
#include <string_view>

namespace astro::core {

// A value with a scheme is used as given (trailing '/' trimmed); localhost, 127.0.0.1, [::1] or
// host:port -> http://host[:port] (port 8888 when absent); anything else -> https://api.<domain>.
// The result has no "/v1" suffix.
std::string baseUrlForDomain(std::string_view domain);
// The key under `contexts:` — the domain with '.' replaced by '_'.
std::string contextKeyForDomain(std::string_view domain);

}  // namespace astro::core
