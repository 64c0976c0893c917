// Helpers shared by the API handlers: strict query parameters, JSON request bodies (415/400),
// and JSON responses serialized straight into the response body.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "core/pagination.h"
#include "core/result.h"
#include "server/handlers/handler_context.h"

namespace astro::server::handlers {

// 200 with `body` serialized as the response body.
void respondJson(RequestContext& ctx, const boost::json::object& body);
// 200 with JSON text that `write(std::string&)` appends to the (cleared) response body: for the
// direct writers of core/json/json_writer.h (no value tree; the body keeps its capacity between a
// connection's responses).
template <typename Write>
void respondJsonWith(RequestContext& ctx, Write&& write) {
  ctx.response.status = 200;
  ctx.response.json = true;
  ctx.response.body.clear();
  write(ctx.response.body);
}
// 204, no body.
void respondNoContent(RequestContext& ctx);
// The error in the API's error shape with the request's id.
void respondError(RequestContext& ctx, const core::Error& error);

// 400 "Invalid query parameters" with one field error (code "invalid") for `key`.
core::Error invalidQueryParam(std::string_view key, std::string message);

// Calls `visit(key, value)` for each query parameter; a key outside `allowed` is a 400 naming it.
// `visit` returns an error for a bad value.
using QueryVisitor = std::function<core::Result<void>(std::string_view, std::string_view)>;
core::Result<void> readQuery(const http::HttpRequest& req,
                             std::initializer_list<std::string_view> allowed,
                             const QueryVisitor& visit);
// offset, limit (integers) and repeated sorts=field:asc|desc into `query`; true when `key` was
// one of them. Ranges and sort field names are the service's to check.
core::Result<bool> readListParam(core::ListQuery& query, std::string_view key,
                                 std::string_view value);
core::Result<bool> parseBoolParam(std::string_view key, std::string_view value);
// A route that takes no query parameters: any parameter is a 400.
core::Result<void> readNoQuery(const http::HttpRequest& req);
// A list route: offset, limit, sorts, plus the route's own keys in `extra` handed to `visitExtra`.
core::Result<void> readListQuery(const http::HttpRequest& req, core::ListQuery& query,
                                 std::initializer_list<std::string_view> extra = {},
                                 const QueryVisitor& visitExtra = {});

// The request body as JSON: a body needs Content-Type application/json with no charset or
// charset=utf-8 (else 415), must parse, without a key given twice in an object (400).
// An empty body is an error unless `emptyAllowed`, when it reads as an empty object.
core::Result<boost::json::value> readJsonBody(const http::HttpRequest& req, bool emptyAllowed);

// A POST route's request: no query parameters, a JSON body, read by one of core's strict
// request parsers (`parse(const boost::json::value&) -> core::Result<T>`).
template <typename Parse>
auto readRequest(const http::HttpRequest& req, Parse&& parse)
    -> decltype(parse(std::declval<const boost::json::value&>())) {
  if (auto q = readNoQuery(req); !q.ok()) return q.error();
  auto body = readJsonBody(req, false);
  if (!body.ok()) return body.error();
  return parse(*body);
}

// Runs the common "result or error" tail of a handler.
template <typename T, typename ToJson>
void respondResult(RequestContext& ctx, const core::Result<T>& result, ToJson&& toJson) {
  if (!result.ok()) return respondError(ctx, result.error());
  respondJson(ctx, toJson(result.value()));
}

// The same with a direct writer: `write(std::string& out, const T& value)` appends the JSON text.
template <typename T, typename Write>
void respondResultWith(RequestContext& ctx, const core::Result<T>& result, Write&& write) {
  if (!result.ok()) return respondError(ctx, result.error());
  respondJsonWith(ctx, [&](std::string& out) { write(out, result.value()); });
}

// The tail of a delete or other no-content change: the error, or 204.
void respondEmptyResult(RequestContext& ctx, const core::Result<void>& result);

}  // namespace astro::server::handlers
