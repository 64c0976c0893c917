#include "server/handlers/health/health_handlers.h"

#include "server/handlers/handler_support.h"
#include "server/logging/logging.h"

namespace astro::server::handlers {
namespace {

void healthz(RequestContext& ctx) {
  ctx.response.body = R"({"status":"ok"})";
}

void readyz(RequestContext& ctx) {
  bool ready = false;
  try {
    ready = ctx.app.store.ping();
  } catch (const std::exception& e) {
    logging::warn(std::string("readyz: database ping failed: ") + e.what());
  }
  if (ready) {
    ctx.response.body = R"({"status":"ok"})";
    return;
  }
  respondError(ctx, core::Error{core::ErrorCode::Unavailable, "database is not reachable", {}});
}

}  // namespace

void addHealthRoutes(ApiRouter& router) {
  router.add(http::Method::Get, "/healthz", {&healthz, false});
  router.add(http::Method::Get, "/readyz", {&readyz, false});
}

}  // namespace astro::server::handlers
