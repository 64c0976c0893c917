#include "server/handlers/api_routes.h"

#include "server/handlers/audit/audit_handlers.h"
#include "server/handlers/health/health_handlers.h"
#include "server/handlers/invites/invite_handlers.h"
#include "server/handlers/metrics/metrics_handlers.h"
#include "server/handlers/organizations/organization_handlers.h"
#include "server/handlers/roles/role_handlers.h"
#include "server/handlers/teams/team_handlers.h"
#include "server/handlers/tokens/token_handlers.h"
#include "server/handlers/users/user_handlers.h"
#include "server/handlers/workspaces/workspace_handlers.h"

namespace astro::server::handlers {

void addApiRoutes(ApiRouter& router) {
  addHealthRoutes(router);
  addMetricsRoutes(router);
  addOrganizationRoutes(router);
  addUserRoutes(router);
  addTokenRoutes(router);
  addInviteRoutes(router);
  addTeamRoutes(router);
  addRoleRoutes(router);
  addWorkspaceRoutes(router);
  addAuditRoutes(router);
}

}  // namespace astro::server::handlers
