#include "server/handlers/invites/invite_handlers.h"

#include "core/json/access_json.h"
#include "server/handlers/handler_support.h"

namespace astro::server::handlers {
namespace {

// Route parameters: {org} is 0, {id} is 1.
std::string_view orgId(const RequestContext& ctx) {
  return ctx.params[0];
}
std::string_view inviteId(const RequestContext& ctx) {
  return ctx.params[1];
}

void createInvite(RequestContext& ctx) {
  auto request = readRequest(ctx.request, core::parseCreateUserInviteRequest);
  if (!request.ok()) return respondError(ctx, request.error());
  respondResult(ctx, ctx.app.services.invites.create(ctx.caller, orgId(ctx), *request),
                [](const core::Invite& i) { return core::toJson(i); });
}

void deleteInvite(RequestContext& ctx) {
  if (auto q = readNoQuery(ctx.request); !q.ok()) return respondError(ctx, q.error());
  respondEmptyResult(ctx, ctx.app.services.invites.remove(ctx.caller, orgId(ctx), inviteId(ctx)));
}

}  // namespace

void addInviteRoutes(ApiRouter& router) {
  using http::Method;
  router.add(Method::Post, "/v1/organizations/{org}/invites", {&createInvite});
  router.add(Method::Delete, "/v1/organizations/{org}/invites/{id}", {&deleteInvite});
}

}  // namespace astro::server::handlers
