// Services: the whole service layer wired over one Store, as the server and tests build it.
#pragma once

#include <memory>

#include "service/audit/audit_export.h"
#include "service/audit/audit_log.h"
#include "service/audit/refusal_audit.h"
#include "service/auth/auth_service.h"
#include "service/clock.h"
#include "service/invites/invite_service.h"
#include "service/organizations/organization_service.h"
#include "service/roles/role_service.h"
#include "service/settings.h"
#include "service/teams/team_service.h"
#include "service/tokens/token_service.h"
#include "service/users/user_service.h"
#include "service/workspaces/workspace_service.h"
#include "store/store.h"

namespace astro::service {

struct Services {
  Services(store::Store& store, const Clock& clock, core::RandomBytes random,
           ServiceSettings settings = {})
      : audit(store, clock, random),
        refusals(store, clock, audit, settings),
        auth(store, clock, settings, &refusals),
        organizations(store, clock, random, audit, settings),
        tokens(store, clock, random, audit, settings),
        users(store, clock, audit),
        invites(store, clock, random, audit),
        teams(store, clock, random, audit),
        roles(store),
        workspaces(store, clock, random, audit),
        auditExport(store, clock, audit, &refusals) {}

  AuditLog audit;
  RefusalAudit refusals;  // before auth, which reports to it; destroyed after it (last flush)
  AuthService auth;
  OrganizationService organizations;
  TokenService tokens;
  UserService users;
  InviteService invites;
  TeamService teams;
  RoleService roles;
  WorkspaceService workspaces;
  AuditExport auditExport;
};

}  // namespace astro::service
