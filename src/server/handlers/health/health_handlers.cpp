#include "server/handlers/health/health_handlers.h"

#include <optional>
#include <string>

#include "server/handlers/handler_support.h"
#include "server/logging/logging.h"

namespace astro::server::handlers {
namespace {

void healthz(RequestContext& ctx) {
  ctx.response.body = R"({"status":"ok"})";
}

void readyz(RequestContext& ctx) {
  std::optional<std::string> problem;
  try {
    problem = ctx.app.store.unreadyReason();
  } catch (const std::exception& e) {
    problem = std::string("readiness check failed: ") + e.what();
    logging::warn("readyz: " + *problem);
  }
  if (!problem) {
    ctx.response.body = R"({"status":"ok"})";
    return;
  }
  // The store has logged the cause (rate limited); the probe is unauthenticated, so its
  // answer does not name paths.
  respondError(
      ctx, core::Error{
               core::ErrorCode::Unavailable, "the database cannot serve: see the server log", {}});
}

}  // namespace

void addHealthRoutes(ApiRouter& router) {
  router.add(http::Method::Get, "/healthz", {&healthz, false, RouteHandler::Work::Memory});
  router.add(http::Method::Get, "/readyz", {&readyz, false});
}

}  // namespace astro::server::handlers
