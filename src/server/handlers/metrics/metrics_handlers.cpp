#include "server/handlers/metrics/metrics_handlers.h"

#include "server/handlers/handler_support.h"

namespace astro::server::handlers {
namespace {

void metricsPage(RequestContext& ctx) {
  if (auto q = readNoQuery(ctx.request); !q.ok()) return respondError(ctx, q.error());
  auto& res = ctx.response;
  res.status = 200;
  res.json = false;
  res.contentType = "text/plain; version=0.0.4; charset=utf-8";
  res.body = ctx.app.metrics ? ctx.app.metrics->render() : std::string();
}

}  // namespace

void addMetricsRoutes(ApiRouter& router) {
  router.add(http::Method::Get, "/metrics", {&metricsPage, false, RouteHandler::Work::Memory});
}

}  // namespace astro::server::handlers
