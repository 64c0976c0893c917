#include "server/handlers/tokens/token_handlers.h"

#include "core/json/api_json.h"
#include "core/json/json_reader.h"
#include "core/json/json_writer.h"
#include "server/handlers/handler_support.h"

namespace astro::server::handlers {
namespace {

// Route parameters: {org} is 0, {id} is 1.
std::string_view orgId(const RequestContext& ctx) {
  return ctx.params[0];
}
std::string_view tokenId(const RequestContext& ctx) {
  return ctx.params[1];
}

// Tokens are written straight to the body (json_writer.h), the same text as toJson would give.
auto tokenJson = [](std::string& out, const core::ApiToken& t) { core::appendJson(out, t); };

core::Result<void> noQuery(const RequestContext& ctx) {
  return readNoQuery(ctx.request);
}

void listTokens(RequestContext& ctx) {
  core::TokenListFilter filter;
  core::ListQuery query;
  auto q = readQuery(ctx.request,
                     {"offset", "limit", "sorts", "includeOnlyOrganizationTokens", "workspaceId"},
                     [&](std::string_view key, std::string_view value) -> core::Result<void> {
                       if (key == "includeOnlyOrganizationTokens") {
                         auto b = parseBoolParam(key, value);
                         if (!b.ok()) return b.error();
                         filter.includeOnlyOrganizationTokens = *b;
                         return {};
                       }
                       if (key == "workspaceId") {
                         filter.workspaceId = std::string(value);
                         return {};
                       }
                       auto r = readListParam(query, key, value);
                       if (!r.ok()) return r.error();
                       return {};
                     });
  if (!q.ok()) return respondError(ctx, q.error());
  auto page = ctx.app.services.tokens.listShared(ctx.caller, orgId(ctx), filter, query);
  respondResultWith(ctx, page, [](std::string& out, const service::TokenService::SharedPage& p) {
    core::appendTokenPageJson(out, *p, "tokens");
  });
}

void getToken(RequestContext& ctx) {
  if (auto q = noQuery(ctx); !q.ok()) return respondError(ctx, q.error());
  respondResultWith(ctx, ctx.app.services.tokens.getShared(ctx.caller, orgId(ctx), tokenId(ctx)),
                    [](std::string& out, const service::TokenService::SharedToken& t) {
                      tokenJson(out, *t);
                    });
}

void createToken(RequestContext& ctx) {
  if (auto q = noQuery(ctx); !q.ok()) return respondError(ctx, q.error());
  auto body = readJsonBody(ctx.request, false);
  if (!body.ok()) return respondError(ctx, body.error());
  auto request = core::parseCreateApiTokenRequest(*body);
  if (!request.ok()) return respondError(ctx, request.error());
  respondResultWith(ctx, ctx.app.services.tokens.create(ctx.caller, orgId(ctx), *request),
                    tokenJson);
}

void updateToken(RequestContext& ctx) {
  if (auto q = noQuery(ctx); !q.ok()) return respondError(ctx, q.error());
  auto body = readJsonBody(ctx.request, false);
  if (!body.ok()) return respondError(ctx, body.error());
  auto request = core::parseUpdateApiTokenRequest(*body);
  if (!request.ok()) return respondError(ctx, request.error());
  respondResultWith(ctx,
                    ctx.app.services.tokens.update(ctx.caller, orgId(ctx), tokenId(ctx), *request),
                    tokenJson);
}

void updateTokenRoles(RequestContext& ctx) {
  if (auto q = noQuery(ctx); !q.ok()) return respondError(ctx, q.error());
  auto body = readJsonBody(ctx.request, false);
  if (!body.ok()) return respondError(ctx, body.error());
  auto request = core::parseUpdateApiTokenRolesRequest(*body);
  if (!request.ok()) return respondError(ctx, request.error());
  respondResult(ctx,
                ctx.app.services.tokens.updateRoles(ctx.caller, orgId(ctx), tokenId(ctx), *request),
                [](const core::SubjectRoles& r) { return core::toJson(r); });
}

void rotateToken(RequestContext& ctx) {
  if (auto q = noQuery(ctx); !q.ok()) return respondError(ctx, q.error());
  // Rotate takes no body: nothing, or an empty JSON object.
  auto body = readJsonBody(ctx.request, true);
  if (!body.ok()) return respondError(ctx, body.error());
  core::JsonObjectReader noFields(*body, {});
  if (!noFields.ok()) return respondError(ctx, noFields.toError());
  respondResultWith(ctx, ctx.app.services.tokens.rotate(ctx.caller, orgId(ctx), tokenId(ctx)),
                    tokenJson);
}

void deleteToken(RequestContext& ctx) {
  if (auto q = noQuery(ctx); !q.ok()) return respondError(ctx, q.error());
  auto result = ctx.app.services.tokens.remove(ctx.caller, orgId(ctx), tokenId(ctx));
  if (!result.ok()) return respondError(ctx, result.error());
  respondNoContent(ctx);
}

}  // namespace

void addTokenRoutes(ApiRouter& router) {
  using http::Method;
  router.add(Method::Get, "/v1/organizations/{org}/tokens", {&listTokens});
  router.add(Method::Post, "/v1/organizations/{org}/tokens", {&createToken});
  router.add(Method::Get, "/v1/organizations/{org}/tokens/{id}", {&getToken});
  router.add(Method::Post, "/v1/organizations/{org}/tokens/{id}", {&updateToken});
  router.add(Method::Delete, "/v1/organizations/{org}/tokens/{id}", {&deleteToken});
  router.add(Method::Post, "/v1/organizations/{org}/tokens/{id}/roles", {&updateTokenRoles});
  router.add(Method::Post, "/v1/organizations/{org}/tokens/{id}/rotate", {&rotateToken});
}

}  // namespace astro::server::handlers
