// GET /organizations/{org}/roles: custom roles (none exist yet: an empty page keeps the shape)
// and, with includeDefaultRoles, the built-in roles of core/roles/role_catalog.h.
// Needs OrganizationRead.
#pragma once

#include <string_view>

#include "core/pagination.h"
#include "core/result.h"
#include "core/roles/role_catalog.h"
#include "service/caller.h"
#include "store/store.h"

namespace astro::service {

class RoleService {
 public:
  explicit RoleService(store::Store& store);
  // Sorts: createdAt, description, name, scopeType, updatedAt.
  core::Result<core::RolesPage> list(const Caller& caller, std::string_view orgId,
                                     bool includeDefaultRoles, const core::ListQuery& query);

 private:
  store::Store& store_;
};

}  // namespace astro::service
