// Organization and workspace roles, their order, and the permission table of product.md.
// Pure functions: the service asks `allows(role, permission)`; the CLI uses the same parsers
// to validate flags before any request.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace astro::core {

// Ordered: a higher value holds every permission of the lower ones.
enum class OrgRole { Member = 0, BillingAdmin = 1, Owner = 2 };
enum class WorkspaceRole { Member = 0, Author = 1, Operator = 2, Owner = 3 };

std::optional<OrgRole> parseOrgRole(std::string_view s);  // exact, case-sensitive
std::string_view toString(OrgRole r);
std::optional<WorkspaceRole> parseWorkspaceRole(std::string_view s);
std::string_view toString(WorkspaceRole r);

// The roles a client may pick, in selector order (MEMBER, BILLING_ADMIN, OWNER).
const std::vector<OrgRole>& allOrgRoles();
const std::vector<WorkspaceRole>& allWorkspaceRoles();

inline bool atLeast(OrgRole have, OrgRole need) { return static_cast<int>(have) >= static_cast<int>(need); }

enum class Permission {
  OrganizationRead,   // see the organization, its users, teams, members, roles
  WorkspaceCreate,
  OrganizationUpdate,
  UserManage,         // invite, change roles, remove
  TeamManage,
  ApiTokenManage,     // list, read, create, update, rotate, delete org tokens, change their roles
  AuditLogExport,
};

// The lowest organization role holding `p`.
OrgRole minimumRole(Permission p);
inline bool allows(OrgRole role, Permission p) { return atLeast(role, minimumRole(p)); }
std::string_view toString(Permission p);

// Exact CLI texts (reference §1.8, trailing space included).
inline constexpr std::string_view kInvalidOrgRoleMessage =
    "requested role is invalid. Possible values are ORGANIZATION_MEMBER, "
    "ORGANIZATION_BILLING_ADMIN and ORGANIZATION_OWNER ";
inline constexpr std::string_view kInvalidWorkspaceRoleMessage =
    "requested role is invalid. Possible values are WORKSPACE_MEMBER, WORKSPACE_AUTHOR, "
    "WORKSPACE_OPERATOR and WORKSPACE_OWNER ";

}  // namespace astro::core
