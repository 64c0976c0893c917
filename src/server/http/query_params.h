// Query string decoding (Boost.URL behind a small interface): the target's encoded query ->
// decoded key/value pairs in order, repeated keys kept ("sorts=a&sorts=b").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace astro::server::http {

struct QueryParam {
  std::string key;
  std::string value;
};

// `encoded` has no leading '?'. An invalid escape is a 400.
core::Result<std::vector<QueryParam>> parseQuery(std::string_view encoded);

// Percent-decodes one path segment. False for an invalid escape, or a decoded '/' or NUL
// (which would let one segment pose as two, or cut a C string).
bool decodePathSegment(std::string_view encoded, std::string& out);

// Splits a request target into its encoded path and query after checking it is a valid
// origin-form ("/path?query") or absolute-form ("http://host/path?query", RFC 9112 §3.2.2: a
// server must accept it; only the http and https schemes, any case, an empty path being "/")
// target. Returns false for anything else (authority-form, asterisk-form, other schemes).
bool splitTarget(std::string_view target, std::string_view& path, std::string_view& query,
                 bool& hasQuery);

}  // namespace astro::server::http
