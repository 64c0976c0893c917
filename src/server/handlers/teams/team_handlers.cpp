#include "server/handlers/teams/team_handlers.h"

#include "core/json/access_json.h"
#include "core/json/api_json.h"
#include "server/handlers/handler_support.h"

namespace astro::server::handlers {
namespace {

// Route parameters: {org} is 0, {id} is 1, {userId} is 2.
std::string_view orgId(const RequestContext& ctx) {
  return ctx.params[0];
}
std::string_view teamId(const RequestContext& ctx) {
  return ctx.params[1];
}
std::string_view memberId(const RequestContext& ctx) {
  return ctx.params[2];
}

auto teamJson = [](const core::Team& t) { return core::toJson(t); };

void listTeams(RequestContext& ctx) {
  core::TeamListFilter filter;
  core::ListQuery query;
  auto q = readListQuery(ctx.request, query, {"names"},
                         [&](std::string_view, std::string_view value) -> core::Result<void> {
                           filter.names.emplace_back(value);
                           return {};
                         });
  if (!q.ok()) return respondError(ctx, q.error());
  respondResult(ctx, ctx.app.services.teams.list(ctx.caller, orgId(ctx), filter, query),
                [](const core::Page<core::Team>& p) { return core::pageToJson(p, "teams"); });
}

void createTeam(RequestContext& ctx) {
  auto request = readRequest(ctx.request, core::parseCreateTeamRequest);
  if (!request.ok()) return respondError(ctx, request.error());
  respondResult(ctx, ctx.app.services.teams.create(ctx.caller, orgId(ctx), *request), teamJson);
}

void getTeam(RequestContext& ctx) {
  if (auto q = readNoQuery(ctx.request); !q.ok()) return respondError(ctx, q.error());
  respondResult(ctx, ctx.app.services.teams.get(ctx.caller, orgId(ctx), teamId(ctx)), teamJson);
}

void updateTeam(RequestContext& ctx) {
  auto request = readRequest(ctx.request, core::parseUpdateTeamRequest);
  if (!request.ok()) return respondError(ctx, request.error());
  respondResult(ctx, ctx.app.services.teams.update(ctx.caller, orgId(ctx), teamId(ctx), *request),
                teamJson);
}

void deleteTeam(RequestContext& ctx) {
  if (auto q = readNoQuery(ctx.request); !q.ok()) return respondError(ctx, q.error());
  respondEmptyResult(ctx, ctx.app.services.teams.remove(ctx.caller, orgId(ctx), teamId(ctx)));
}

void listTeamMembers(RequestContext& ctx) {
  core::ListQuery query;
  if (auto q = readListQuery(ctx.request, query); !q.ok()) return respondError(ctx, q.error());
  respondResult(
      ctx, ctx.app.services.teams.listMembers(ctx.caller, orgId(ctx), teamId(ctx), query),
      [](const core::Page<core::TeamMember>& p) { return core::pageToJson(p, "teamMembers"); });
}

void addTeamMembers(RequestContext& ctx) {
  auto request = readRequest(ctx.request, core::parseAddTeamMembersRequest);
  if (!request.ok()) return respondError(ctx, request.error());
  respondEmptyResult(
      ctx, ctx.app.services.teams.addMembers(ctx.caller, orgId(ctx), teamId(ctx), *request));
}

void removeTeamMember(RequestContext& ctx) {
  if (auto q = readNoQuery(ctx.request); !q.ok()) return respondError(ctx, q.error());
  respondEmptyResult(
      ctx, ctx.app.services.teams.removeMember(ctx.caller, orgId(ctx), teamId(ctx), memberId(ctx)));
}

void updateTeamRoles(RequestContext& ctx) {
  auto request = readRequest(ctx.request, core::parseUpdateTeamRolesRequest);
  if (!request.ok()) return respondError(ctx, request.error());
  respondResult(ctx,
                ctx.app.services.teams.updateRoles(ctx.caller, orgId(ctx), teamId(ctx), *request),
                [](const core::SubjectRoles& r) { return core::toJson(r); });
}

}  // namespace

void addTeamRoutes(ApiRouter& router) {
  using http::Method;
  router.add(Method::Get, "/v1/organizations/{org}/teams", {&listTeams});
  router.add(Method::Post, "/v1/organizations/{org}/teams", {&createTeam});
  router.add(Method::Get, "/v1/organizations/{org}/teams/{id}", {&getTeam});
  router.add(Method::Post, "/v1/organizations/{org}/teams/{id}", {&updateTeam});
  router.add(Method::Delete, "/v1/organizations/{org}/teams/{id}", {&deleteTeam});
  router.add(Method::Get, "/v1/organizations/{org}/teams/{id}/members", {&listTeamMembers});
  router.add(Method::Post, "/v1/organizations/{org}/teams/{id}/members", {&addTeamMembers});
  router.add(Method::Delete, "/v1/organizations/{org}/teams/{id}/members/{userId}",
             {&removeTeamMember});
  router.add(Method::Post, "/v1/organizations/{org}/teams/{id}/roles", {&updateTeamRoles});
}

}  // namespace astro::server::handlers
