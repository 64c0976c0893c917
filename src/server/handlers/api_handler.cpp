#include "server/handlers/api_handler.h"

#include "server/handlers/api_routes.h"
#include "server/handlers/handler_support.h"
#include "server/http/error_response.h"
#include "server/logging/logging.h"

namespace astro::server::handlers {

ApiHandler::ApiHandler(service::Services& services, store::Store& store, Options options)
    : auditExports_(options.auditExports), app_{services, store, auditExports_, options.metrics} {
  addApiRoutes(router_);
}

std::string_view ApiHandler::handle(const http::HttpRequest& req, http::HttpResponse& res) {
  http::RouteParams params;
  auto match = router_.match(req.method, req.path, params);
  if (match.outcome == ApiRouter::Outcome::NotFound) {
    http::setErrorResponse(res, core::Error::notFound("route not found"), req.requestId);
    return match.pathTemplate;
  }
  if (match.outcome == ApiRouter::Outcome::MethodNotAllowed) {
    http::setErrorResponse(res, 405, core::Error::invalid("method not allowed"), req.requestId);
    res.allow = match.allow;
    return match.pathTemplate;
  }

  RequestContext ctx{req, params, app_, res, {}};
  try {
    if (match.handler->authenticated) {
      auto subject = app_.services.auth.authenticate(req.authorization);
      if (!subject.ok()) {
        respondError(ctx, subject.error());
        return match.pathTemplate;
      }
      ctx.caller.subject = std::move(subject).value();
      ctx.caller.meta.requestId = req.requestId;
      ctx.caller.meta.sourceAddress = req.remoteAddress;
      ctx.caller.meta.userAgent = req.userAgent;
    }
    match.handler->fn(ctx);
  } catch (const std::exception& e) {
    logging::error(std::string("unhandled error in ") + std::string(match.pathTemplate) + ": " +
                   e.what());
    res.clear();
    http::setErrorResponse(res, core::Error::internal("internal server error"), req.requestId);
  }
  return match.pathTemplate;
}

}  // namespace astro::server::handlers
