#include "server/handlers/handler_support.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <span>
#include <vector>

#include "core/json/json_reader.h"
#include "core/validation/text_rules.h"
#include "server/http/ascii.h"
#include "server/http/error_response.h"
#include "server/http/query_params.h"

namespace astro::server::handlers {

void respondJson(RequestContext& ctx, const boost::json::object& body) {
  ctx.response.status = 200;
  ctx.response.json = true;
  ctx.response.body = boost::json::serialize(body);
}

void respondNoContent(RequestContext& ctx) {
  ctx.response.status = 204;
  ctx.response.body.clear();
}

void respondError(RequestContext& ctx, const core::Error& error) {
  http::setErrorResponse(ctx.response, error, ctx.request.requestId);
  ctx.refusal = error;
}

core::Error invalidQueryParam(std::string_view key, std::string message) {
  return core::Error::invalid("Invalid query parameters",
                              {{"invalid", std::string(key), std::move(message)}});
}

namespace {
core::Error badParam(std::string_view key, std::string code, std::string message) {
  return core::Error::invalid("Invalid query parameters",
                              {{std::move(code), std::string(key), std::move(message)}});
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

core::Result<void> readQueryKeys(const http::HttpRequest& req,
                                 std::span<const std::string_view> allowed,
                                 const QueryVisitor& visit) {
  if (req.query.empty()) return {};
  auto params = http::parseQuery(req.query);
  if (!params.ok()) return params.error();
  std::vector<core::FieldError> unknown;
  for (const auto& p : *params) {
    bool known = false;
    for (auto a : allowed) known = known || a == p.key;
    if (!known) {
      unknown.push_back({"unknown_parameter", core::echoName(p.key), "unknown query parameter"});
      continue;
    }
    if (auto r = visit(p.key, p.value); !r.ok()) return r;
  }
  if (!unknown.empty()) return core::Error::invalid("Invalid query parameters", std::move(unknown));
  return {};
}
}  // namespace

core::Result<void> readQuery(const http::HttpRequest& req,
                             std::initializer_list<std::string_view> allowed,
                             const QueryVisitor& visit) {
  return readQueryKeys(req, {allowed.begin(), allowed.size()}, visit);
}

core::Result<bool> readListParam(core::ListQuery& query, std::string_view key,
                                 std::string_view value) {
  if (key == "offset" || key == "limit") {
    int n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size())
      return badParam(key, "invalid", "must be an integer");
    (key == "offset" ? query.offset : query.limit) = n;
    return true;
  }
  if (key == "sorts") {
    auto colon = value.rfind(':');
    if (colon == std::string_view::npos || colon == 0)
      return badParam(key, "invalid", "must be field:asc or field:desc");
    auto dir = value.substr(colon + 1);
    bool descending;
    if (dir == "asc") {
      descending = false;
    } else if (dir == "desc") {
      descending = true;
    } else {
      return badParam(key, "invalid", "must be field:asc or field:desc");
    }
    query.sorts.push_back({std::string(value.substr(0, colon)), descending});
    return true;
  }
  return false;
}

core::Result<bool> parseBoolParam(std::string_view key, std::string_view value) {
  if (value == "true") return true;
  if (value == "false") return false;
  return badParam(key, "invalid", "must be true or false");
}

core::Result<void> readNoQuery(const http::HttpRequest& req) {
  return readQuery(req, {},
                   [](std::string_view, std::string_view) { return core::Result<void>(); });
}

core::Result<void> readListQuery(const http::HttpRequest& req, core::ListQuery& query,
                                 std::initializer_list<std::string_view> extra,
                                 const QueryVisitor& visitExtra) {
  std::vector<std::string_view> allowed{"offset", "limit", "sorts"};
  allowed.insert(allowed.end(), extra.begin(), extra.end());
  return readQueryKeys(req, allowed,
                       [&](std::string_view key, std::string_view value) -> core::Result<void> {
                         auto listed = readListParam(query, key, value);
                         if (!listed.ok()) return listed.error();
                         if (*listed) return {};
                         return visitExtra(key, value);
                       });
}

void respondEmptyResult(RequestContext& ctx, const core::Result<void>& result) {
  if (!result.ok()) return respondError(ctx, result.error());
  respondNoContent(ctx);
}

namespace {
// The media type is application/json and its charset, if any, UTF-8 (RFC 8259 §8.1: JSON
// exchanged between systems is UTF-8; a body in UTF-16 read as UTF-8 would mean something else).
// Parameters are name=value (value quoted or not, names and "utf-8" in any case); a charset
// given twice, or a parameter without a value, is refused too.
bool isUtf8Json(std::string_view contentType) {
  std::size_t semi = contentType.find(';');
  if (!http::equalsIgnoreCase(trim(contentType.substr(0, semi)), "application/json")) return false;
  bool charsetSeen = false;
  while (semi != std::string_view::npos) {
    contentType.remove_prefix(semi + 1);
    semi = contentType.find(';');
    const std::string_view param = trim(contentType.substr(0, semi));
    if (param.empty()) continue;
    const auto eq = param.find('=');
    if (eq == std::string_view::npos) return false;
    if (!http::equalsIgnoreCase(trim(param.substr(0, eq)), "charset")) continue;
    std::string_view value = trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    if (charsetSeen || !http::equalsIgnoreCase(value, "utf-8")) return false;
    charsetSeen = true;
  }
  return true;
}
}  // namespace

core::Result<boost::json::value> readJsonBody(const http::HttpRequest& req, bool emptyAllowed) {
  if (req.body.empty()) {
    if (emptyAllowed) return boost::json::value(boost::json::object());
    return core::Error::invalid("Missing request body: send a JSON object");
  }
  if (!isUtf8Json(req.contentType)) {
    return core::Error{core::ErrorCode::UnsupportedMediaType,
                       "Unsupported Content-Type: send the request body as UTF-8 JSON with "
                       "'Content-Type: application/json' (charset utf-8 or none)",
                       {}};
  }
  return core::parseJsonBody(req.body);
}

}  // namespace astro::server::handlers
