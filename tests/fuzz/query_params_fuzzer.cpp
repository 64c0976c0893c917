// Fuzzes request-target decoding (src/server/http/query_params) and the list routes' query
// readers (readListQuery) without HTTP. The input is used in place, as a view of libFuzzer's
// exactly sized buffer, so ASan sees any read past its end (Boost.URL 1.81's parse_query reads to a
// NUL). Invariants: no crash; a decoded path segment never holds '/' or NUL; splitTarget's path
// and query are pieces of the target; the readers answer with values, not exceptions.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/pagination.h"
#include "server/handlers/handler_support.h"
#include "server/http/http_message.h"
#include "server/http/query_params.h"

namespace {

using namespace astro;
namespace http = server::http;

bool within(std::string_view outer, std::string_view inner) {
  return inner.empty() || (inner.data() >= outer.data() &&
                           inner.data() + inner.size() <= outer.data() + outer.size());
}

[[noreturn]] void fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "%s: %.*s\n", what, static_cast<int>(input.size()), input.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  (void)http::parseQuery(input);

  std::string segment;
  if (http::decodePathSegment(input, segment) &&
      (segment.find('/') != std::string::npos || segment.find('\0') != std::string::npos))
    fail("decodePathSegment let '/' or NUL through", input);

  std::string_view path, query;
  bool hasQuery = false;
  if (!http::splitTarget(input, path, query, hasQuery)) return 0;
  if (!within(input, path) || !within(input, query)) fail("splitTarget left the target", input);
  if (!hasQuery && !query.empty()) fail("a query without hasQuery", input);

  // What a list route does with the target's query (tokens: offset, limit, sorts and the route's
  // own keys).
  http::HttpRequest req;
  req.method = http::Method::Get;
  req.methodName = "GET";
  req.path = path;
  req.query = query;
  req.hasQuery = hasQuery;
  core::ListQuery list;
  (void)server::handlers::readListQuery(
      req, list, {"includeDefaultRoles", "workspaceId"},
      [](std::string_view key, std::string_view value) -> core::Result<void> {
        auto b = server::handlers::parseBoolParam(key, value);
        if (!b.ok()) return b.error();
        return {};
      });
  (void)server::handlers::readNoQuery(req);
  return 0;
}
