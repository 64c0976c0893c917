// Services: the whole service layer wired over one Store, as the server and tests build it.
#pragma once

#include <memory>

#include "service/audit/audit_export.h"
#include "service/audit/audit_log.h"
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
        auth(store, clock, settings),
        organizations(store, clock, random, audit, settings),
        tokens(store, clock, random, audit, settings),
        users(store, clock, audit),
        invites(store, clock, random, audit),
        teams(store, clock, random, audit),
        roles(store),
        workspaces(store, clock, random, audit),
        auditExport(store, clock, audit) {}

  AuditLog audit;
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
