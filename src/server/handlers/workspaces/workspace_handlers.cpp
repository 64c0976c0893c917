#include "server/handlers/workspaces/workspace_handlers.h"

#include "core/json/access_json.h"
#include "core/json/api_json.h"
#include "server/handlers/handler_support.h"

namespace astro::server::handlers {
namespace {

// Route parameters: {org} is 0, {id} is 1.
std::string_view orgId(const RequestContext& ctx) {
  return ctx.params[0];
}
std::string_view workspaceId(const RequestContext& ctx) {
  return ctx.params[1];
}

auto workspaceJson = [](const core::Workspace& w) { return core::toJson(w); };

void listWorkspaces(RequestContext& ctx) {
  service::WorkspaceListFilter filter;
  core::ListQuery query;
  auto q =
      readListQuery(ctx.request, query, {"workspaceIds", "names"},
                    [&](std::string_view key, std::string_view value) -> core::Result<void> {
                      (key == "names" ? filter.names : filter.workspaceIds).emplace_back(value);
                      return {};
                    });
  if (!q.ok()) return respondError(ctx, q.error());
  respondResult(
      ctx, ctx.app.services.workspaces.list(ctx.caller, orgId(ctx), filter, query),
      [](const core::Page<core::Workspace>& p) { return core::pageToJson(p, "workspaces"); });
}

void createWorkspace(RequestContext& ctx) {
  auto request = readRequest(ctx.request, core::parseCreateWorkspaceRequest);
  if (!request.ok()) return respondError(ctx, request.error());
  respondResult(ctx, ctx.app.services.workspaces.create(ctx.caller, orgId(ctx), *request),
                workspaceJson);
}

void getWorkspace(RequestContext& ctx) {
  if (auto q = readNoQuery(ctx.request); !q.ok()) return respondError(ctx, q.error());
  respondResult(ctx, ctx.app.services.workspaces.get(ctx.caller, orgId(ctx), workspaceId(ctx)),
                workspaceJson);
}

void updateWorkspace(RequestContext& ctx) {
  auto request = readRequest(ctx.request, core::parseUpdateWorkspaceRequest);
  if (!request.ok()) return respondError(ctx, request.error());
  respondResult(
      ctx, ctx.app.services.workspaces.update(ctx.caller, orgId(ctx), workspaceId(ctx), *request),
      workspaceJson);
}

void deleteWorkspace(RequestContext& ctx) {
  if (auto q = readNoQuery(ctx.request); !q.ok()) return respondError(ctx, q.error());
  respondEmptyResult(ctx,
                     ctx.app.services.workspaces.remove(ctx.caller, orgId(ctx), workspaceId(ctx)));
}

}  // namespace

void addWorkspaceRoutes(ApiRouter& router) {
  using http::Method;
  router.add(Method::Get, "/v1/organizations/{org}/workspaces", {&listWorkspaces});
  router.add(Method::Post, "/v1/organizations/{org}/workspaces", {&createWorkspace});
  router.add(Method::Get, "/v1/organizations/{org}/workspaces/{id}", {&getWorkspace});
  router.add(Method::Post, "/v1/organizations/{org}/workspaces/{id}", {&updateWorkspace});
  router.add(Method::Delete, "/v1/organizations/{org}/workspaces/{id}", {&deleteWorkspace});
}

}  // namespace astro::server::handlers
