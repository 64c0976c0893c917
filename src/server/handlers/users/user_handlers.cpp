#include "server/handlers/users/user_handlers.h"

#include "core/json/api_json.h"
#include "server/handlers/handler_support.h"

namespace astro::server::handlers {
namespace {

void getSelf(RequestContext& ctx) {
  // The Astro CLI sends createIfNotExist=true; users are never created implicitly here.
  auto q = readQuery(ctx.request, {"createIfNotExist"},
                     [](std::string_view key, std::string_view value) -> core::Result<void> {
                       auto b = parseBoolParam(key, value);
                       if (!b.ok()) return b.error();
                       return {};
                     });
  if (!q.ok()) return respondError(ctx, q.error());
  respondResult(ctx, ctx.app.services.users.self(ctx.caller),
                [](const core::SelfUser& u) { return core::toJson(u); });
}

}  // namespace

void addUserRoutes(ApiRouter& router) {
  router.add(http::Method::Get, "/v1/users/self", {&getSelf});
}

}  // namespace astro::server::handlers
