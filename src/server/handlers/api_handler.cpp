#include "server/handlers/api_handler.h"

#include <algorithm>

#include "server/handlers/api_routes.h"
#include "server/handlers/handler_support.h"
#include "server/http/error_response.h"
#include "server/logging/logging.h"

namespace astro::server::handlers {
namespace {

// What the audit of a refusal needs to know of the request (the service decides what to record).
service::RequestFacts factsOf(const http::HttpRequest& req, std::string_view pathTemplate,
                              const http::RouteParams& params) {
  service::RequestFacts f;
  f.method = req.methodName;
  f.routeTemplate = pathTemplate;
  f.paramCount = std::min(params.size(), f.params.size());
  for (std::size_t i = 0; i < f.paramCount; ++i) f.params[i] = params[i];
  f.requestId = req.requestId;
  f.sourceAddress = req.remoteAddress;
  f.userAgent = req.userAgent;
  return f;
}

}  // namespace

ApiHandler::ApiHandler(service::Services& services, store::Store& store, Options options)
    : auditExports_(options.auditExports),
      app_{services, store, auditExports_, options.metrics},
      readsInline_(!store.readsMayWait() && !services.auth.writesWhenAuthenticating()) {
  addApiRoutes(router_);
}

std::string_view ApiHandler::handle(const http::HttpRequest& req, http::HttpResponse& res) {
  http::RouteParams params;
  auto match = router_.match(req.method, req.path, params);
  auto& refusals = app_.services.refusals;
  if (match.outcome == ApiRouter::Outcome::NotFound) {
    const auto error = core::Error::notFound("route not found");
    http::setErrorResponse(res, error, req.requestId);
    refusals.requestRefused(factsOf(req, {}, params), nullptr, error);
    return match.pathTemplate;
  }
  if (match.outcome == ApiRouter::Outcome::MethodNotAllowed) {
    const auto error = core::Error::invalid("method not allowed");
    http::setErrorResponse(res, 405, error, req.requestId);
    res.allow = match.allow;
    refusals.requestRefused(factsOf(req, match.pathTemplate, params), nullptr, error);
    return match.pathTemplate;
  }

  RequestContext ctx{req, params, app_, res, {}, {}};
  try {
    if (match.handler->authenticated) {
      auto subject = app_.services.auth.authenticate(req.authorization,
                                                     factsOf(req, match.pathTemplate, params));
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
    if (ctx.refusal)
      refusals.requestRefused(factsOf(req, match.pathTemplate, params),
                              match.handler->authenticated ? &ctx.caller.subject : nullptr,
                              *ctx.refusal);
  } catch (const std::exception& e) {
    logging::error(std::string("unhandled error in ") + std::string(match.pathTemplate) + ": " +
                   e.what());
    res.clear();
    http::setErrorResponse(res, core::Error::internal("internal server error"), req.requestId);
  }
  return match.pathTemplate;
}

bool ApiHandler::mayBlock(const http::HttpRequest& req) const {
  http::RouteParams params;
  auto match = router_.match(req.method, req.path, params);
  // 404 and 405: the answer and a count in the refusal audit (its writer writes), memory only.
  if (match.outcome != ApiRouter::Outcome::Matched) return false;
  switch (match.handler->work) {
    case RouteHandler::Work::Memory:
      return false;
    case RouteHandler::Work::StoreWrites:
      return true;
    case RouteHandler::Work::Store:
      return !(readsInline_ &&
               (req.method == http::Method::Get || req.method == http::Method::Head));
  }
  return true;
}

std::string_view ApiHandler::refused(const http::HttpRequest& req,
                                     const core::Error& error) noexcept {
  try {
    http::RouteParams params;
    auto match = router_.match(req.method, req.path, params);
    const bool routed = match.outcome != ApiRouter::Outcome::NotFound;
    app_.services.refusals.requestRefused(factsOf(req, routed ? match.pathTemplate : "", params),
                                          nullptr, error);
    return match.pathTemplate;
  } catch (...) {
    return "-";  // RefusalAudit does not throw; the router allocates nothing that can fail here
  }
}

}  // namespace astro::server::handlers
