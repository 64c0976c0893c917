#include "service/roles/role_service.h"

#include "service/access/org_access.h"

namespace astro::service {
namespace {

const std::vector<std::string_view> kRoleSortFields{"createdAt", "description", "name", "scopeType",
                                                    "updatedAt"};

}  // namespace

RoleService::RoleService(store::Store& store) : store_(store) {}

core::Result<core::RolesPage> RoleService::list(const Caller& caller, std::string_view orgId,
                                                bool includeDefaultRoles,
                                                const core::ListQuery& query) {
  return atServiceBoundary([&]() -> core::Result<core::RolesPage> {
    auto tx = store_.begin(store::Store::Mode::Read);
    auto role = callerOrgRole(*tx, caller.subject, orgId);
    if (!role) return role.error();
    if (!core::allows(*role, core::Permission::OrganizationRead))
      return core::Error::forbidden(permissionDeniedMessage(*role, "see the organization's roles"));
    auto errors = validateListQuery(query, kRoleSortFields);
    if (!errors.empty()) return invalidInput(std::move(errors));
    core::RolesPage page;
    page.limit = query.limit;
    page.offset = query.offset;
    page.totalCount = 0;  // no custom roles exist yet; the shape is kept
    if (includeDefaultRoles) page.defaultRoles = core::defaultRoles();
    return page;
  });
}

}  // namespace astro::service
