// Response content codings: whether a client's Accept-Encoding accepts gzip (RFC 9110 §12.5.3,
// q-values included), and gzip compression through zlib.
#pragma once

#include <string>
#include <string_view>

namespace astro::server::http {

// True when `acceptEncoding` (the header's value; empty when absent) accepts gzip: "gzip" or
// "x-gzip" with a q-value above 0, or "*" with q above 0 when gzip is not named. "gzip;q=0"
// refuses it even if "*" accepts everything; an element with a malformed q-value counts as q=0.
bool acceptsGzip(std::string_view acceptEncoding);

// The gzip member (RFC 1952) of `data`, default compression level. Throws std::runtime_error
// when zlib fails (out of memory): the API handler turns that into a 500.
std::string gzipCompress(std::string_view data);

}  // namespace astro::server::http
