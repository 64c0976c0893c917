#include "server/handlers/organizations/organization_handlers.h"

#include "core/json/api_json.h"
#include "server/handlers/handler_support.h"

namespace astro::server::handlers {
namespace {

void listOrganizations(RequestContext& ctx) {
  core::ListQuery query;
  auto q = readQuery(ctx.request, {"offset", "limit", "sorts"},
                     [&](std::string_view key, std::string_view value) -> core::Result<void> {
                       auto r = readListParam(query, key, value);
                       if (!r.ok()) return r.error();
                       return {};
                     });
  if (!q.ok()) return respondError(ctx, q.error());
  respondResult(
      ctx, ctx.app.services.organizations.list(ctx.caller, query),
      [](const core::Page<core::Organization>& p) { return core::pageToJson(p, "organizations"); });
}

void getOrganization(RequestContext& ctx) {
  // isLookUpOnly is what the Astro client may send; every answer here is a look-up anyway.
  auto q = readQuery(ctx.request, {"isLookUpOnly"},
                     [](std::string_view key, std::string_view value) -> core::Result<void> {
                       auto b = parseBoolParam(key, value);
                       if (!b.ok()) return b.error();
                       return {};
                     });
  if (!q.ok()) return respondError(ctx, q.error());
  respondResult(ctx, ctx.app.services.organizations.get(ctx.caller, ctx.params[0]),
                [](const core::Organization& o) { return core::toJson(o); });
}

}  // namespace

void addOrganizationRoutes(ApiRouter& router) {
  router.add(http::Method::Get, "/v1/organizations", {&listOrganizations});
  router.add(http::Method::Get, "/v1/organizations/{org}", {&getOrganization});
  // POST /v1/organizations/{org} (update) is in product.md's list, but OrganizationService has
  // no update method yet: the path answers 405 (Allow: GET) until it does.
}

}  // namespace astro::server::handlers
