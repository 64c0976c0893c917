#include "server/handlers/users/user_handlers.h"

#include "core/json/access_json.h"
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

// Route parameters of /v1/organizations/{org}/users/{id}: {org} is 0, {id} is 1.
std::string_view orgId(const RequestContext& ctx) {
  return ctx.params[0];
}
std::string_view userId(const RequestContext& ctx) {
  return ctx.params[1];
}

void listUsers(RequestContext& ctx) {
  core::ListQuery query;
  if (auto q = readListQuery(ctx.request, query); !q.ok()) return respondError(ctx, q.error());
  respondResult(ctx, ctx.app.services.users.list(ctx.caller, orgId(ctx), query),
                [](const core::Page<core::User>& p) { return core::pageToJson(p, "users"); });
}

void getUser(RequestContext& ctx) {
  if (auto q = readNoQuery(ctx.request); !q.ok()) return respondError(ctx, q.error());
  respondResult(ctx, ctx.app.services.users.get(ctx.caller, orgId(ctx), userId(ctx)),
                [](const core::User& u) { return core::toJson(u); });
}

void updateUserRoles(RequestContext& ctx) {
  auto request = readRequest(ctx.request, core::parseUpdateUserRolesRequest);
  if (!request.ok()) return respondError(ctx, request.error());
  respondResult(ctx,
                ctx.app.services.users.updateRoles(ctx.caller, orgId(ctx), userId(ctx), *request),
                [](const core::SubjectRoles& r) { return core::toJson(r); });
}

void removeUser(RequestContext& ctx) {
  if (auto q = readNoQuery(ctx.request); !q.ok()) return respondError(ctx, q.error());
  respondEmptyResult(ctx, ctx.app.services.users.remove(ctx.caller, orgId(ctx), userId(ctx)));
}

}  // namespace

void addUserRoutes(ApiRouter& router) {
  using http::Method;
  router.add(Method::Get, "/v1/users/self", {&getSelf});
  router.add(Method::Get, "/v1/organizations/{org}/users", {&listUsers});
  router.add(Method::Get, "/v1/organizations/{org}/users/{id}", {&getUser});
  router.add(Method::Delete, "/v1/organizations/{org}/users/{id}", {&removeUser});
  router.add(Method::Post, "/v1/organizations/{org}/users/{id}/roles", {&updateUserRoles});
}

}  // namespace astro::server::handlers
