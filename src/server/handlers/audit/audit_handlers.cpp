#include "server/handlers/audit/audit_handlers.h"

#include <optional>

#include "core/time_format.h"
#include "server/handlers/handler_support.h"
#include "server/http/content_encoding.h"
#include "server/http/rate_limited_handler.h"

namespace astro::server::handlers {
namespace {

void exportAuditLogs(RequestContext& ctx) {
  std::optional<core::Timestamp> startDate, endDate;
  auto q = readQuery(ctx.request, {"startDate", "endDate"},
                     [&](std::string_view key, std::string_view value) -> core::Result<void> {
                       auto& slot = key == "startDate" ? startDate : endDate;
                       if (slot) return invalidQueryParam(key, "must be given at most once");
                       slot = core::parseRfc3339(value);
                       if (!slot)
                         return invalidQueryParam(
                             key, "must be an RFC 3339 date-time such as 2024-01-31T00:00:00Z");
                       return {};
                     });
  if (!q.ok()) return respondError(ctx, q.error());
  // Limited per credential, not per organization: a member's refused attempts must not use up
  // the owners' exports.
  if (auto wait = ctx.app.auditExports.take(ctx.caller.subject.id))
    return http::setRateLimitedResponse(ctx.response, wait, "exporting the audit log",
                                        ctx.request.requestId);
  auto ndjson =
      ctx.app.services.auditExport.exportNdjson(ctx.caller, ctx.params[0], startDate, endDate);
  if (!ndjson.ok()) return respondError(ctx, ndjson.error());

  // The export is built in memory, whole: at most 90 days of one organization's records, which
  // is small next to the memory of a server. Streaming it (chunked, compressed on the fly)
  // would need the transport to take a body producer instead of a string.
  auto& res = ctx.response;
  res.status = 200;
  res.json = false;
  res.contentType = "application/x-ndjson";
  res.vary = "Accept-Encoding";
  if (http::acceptsGzip(ctx.request.acceptEncoding)) {
    res.body = http::gzipCompress(*ndjson);
    res.contentEncoding = "gzip";
  } else {
    res.body = std::move(ndjson).value();
  }
}

}  // namespace

void addAuditRoutes(ApiRouter& router) {
  router.add(http::Method::Get, "/v1/organizations/{org}/audit-logs",
             {&exportAuditLogs, true, RouteHandler::Work::StoreWrites});
}

}  // namespace astro::server::handlers
