#include "core/roles/roles.h"

namespace astro::core {

std::optional<OrgRole> parseOrgRole(std::string_view s) {
  if (s == "ORGANIZATION_MEMBER") return OrgRole::Member;
  if (s == "ORGANIZATION_BILLING_ADMIN") return OrgRole::BillingAdmin;
  if (s == "ORGANIZATION_OWNER") return OrgRole::Owner;
  return std::nullopt;
}

std::string_view toString(OrgRole r) {
  switch (r) {
    case OrgRole::Member: return "ORGANIZATION_MEMBER";
    case OrgRole::BillingAdmin: return "ORGANIZATION_BILLING_ADMIN";
    case OrgRole::Owner: return "ORGANIZATION_OWNER";
  }
  return "ORGANIZATION_MEMBER";
}

std::optional<WorkspaceRole> parseWorkspaceRole(std::string_view s) {
  if (s == "WORKSPACE_MEMBER") return WorkspaceRole::Member;
  if (s == "WORKSPACE_AUTHOR") return WorkspaceRole::Author;
  if (s == "WORKSPACE_OPERATOR") return WorkspaceRole::Operator;
  if (s == "WORKSPACE_OWNER") return WorkspaceRole::Owner;
  return std::nullopt;
}

std::string_view toString(WorkspaceRole r) {
  switch (r) {
    case WorkspaceRole::Member: return "WORKSPACE_MEMBER";
    case WorkspaceRole::Author: return "WORKSPACE_AUTHOR";
    case WorkspaceRole::Operator: return "WORKSPACE_OPERATOR";
    case WorkspaceRole::Owner: return "WORKSPACE_OWNER";
  }
  return "WORKSPACE_MEMBER";
}

const std::vector<OrgRole>& allOrgRoles() {
  static const std::vector<OrgRole> roles{OrgRole::Member, OrgRole::BillingAdmin, OrgRole::Owner};
  return roles;
}

const std::vector<WorkspaceRole>& allWorkspaceRoles() {
  static const std::vector<WorkspaceRole> roles{WorkspaceRole::Member, WorkspaceRole::Author,
                                                WorkspaceRole::Operator, WorkspaceRole::Owner};
  return roles;
}

OrgRole minimumRole(Permission p) {
  switch (p) {
    case Permission::OrganizationRead:
    case Permission::WorkspaceCreate: return OrgRole::Member;
    case Permission::OrganizationUpdate:
    case Permission::UserManage:
    case Permission::TeamManage:
    case Permission::ApiTokenManage:
    case Permission::AuditLogExport: return OrgRole::Owner;
  }
  return OrgRole::Owner;  // unknown permission: most restrictive
}

std::string_view toString(Permission p) {
  switch (p) {
    case Permission::OrganizationRead: return "organization.read";
    case Permission::WorkspaceCreate: return "workspace.create";
    case Permission::OrganizationUpdate: return "organization.update";
    case Permission::UserManage: return "user.manage";
    case Permission::TeamManage: return "team.manage";
    case Permission::ApiTokenManage: return "apiToken.manage";
    case Permission::AuditLogExport: return "auditLog.export";
  }
  return "unknown";
}

}  // namespace astro::core
