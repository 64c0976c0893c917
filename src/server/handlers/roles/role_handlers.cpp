#include "server/handlers/roles/role_handlers.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/json/access_json.h"
#include "server/handlers/handler_support.h"

namespace astro::server::handlers {
namespace {

constexpr std::string_view kScopeTypes[] = {"DAG", "DEPLOYMENT", "ORGANIZATION", "WORKSPACE"};

void listRoles(RequestContext& ctx) {
  core::ListQuery query;
  bool includeDefaultRoles = false;
  std::vector<std::string> scopeTypes;
  auto q = readListQuery(ctx.request, query, {"includeDefaultRoles", "scopeTypes"},
                         [&](std::string_view key, std::string_view value) -> core::Result<void> {
                           if (key == "includeDefaultRoles") {
                             auto b = parseBoolParam(key, value);
                             if (!b.ok()) return b.error();
                             includeDefaultRoles = *b;
                             return {};
                           }
                           if (std::find(std::begin(kScopeTypes), std::end(kScopeTypes), value) ==
                               std::end(kScopeTypes))
                             return invalidQueryParam(
                                 key, "must be one of DAG, DEPLOYMENT, ORGANIZATION, WORKSPACE");
                           scopeTypes.emplace_back(value);
                           return {};
                         });
  if (!q.ok()) return respondError(ctx, q.error());
  auto page = ctx.app.services.roles.list(ctx.caller, ctx.params[0], includeDefaultRoles, query);
  if (!page.ok()) return respondError(ctx, page.error());
  // RoleService::list takes no scope filter: custom roles do not exist yet (the page is empty
  // and totalCount counts them only), so the filter applies here to the built-in roles shown.
  // TODO(service): move scopeTypes into RoleService::list when custom roles arrive.
  if (!scopeTypes.empty() && page->defaultRoles) {
    std::erase_if(*page->defaultRoles, [&](const core::DefaultRole& r) {
      return std::find(scopeTypes.begin(), scopeTypes.end(), r.scopeType) == scopeTypes.end();
    });
  }
  respondJson(ctx, core::toJson(*page));
}

}  // namespace

void addRoleRoutes(ApiRouter& router) {
  router.add(http::Method::Get, "/v1/organizations/{org}/roles", {&listRoles});
}

}  // namespace astro::server::handlers
