#include "core/roles/roles.h"

#include <gtest/gtest.h>

namespace astro::core {
namespace {

TEST(Roles, ParseIsExactAndCaseSensitive) {
  EXPECT_EQ(parseOrgRole("ORGANIZATION_OWNER"), OrgRole::Owner);
  EXPECT_EQ(parseOrgRole("ORGANIZATION_BILLING_ADMIN"), OrgRole::BillingAdmin);
  EXPECT_EQ(parseOrgRole("ORGANIZATION_MEMBER"), OrgRole::Member);
  for (auto bad : {"organization_owner", "OWNER", "", "ORGANIZATION_OBSERVE_ADMIN", "Invalid Role"})
    EXPECT_FALSE(parseOrgRole(bad).has_value()) << bad;
  EXPECT_EQ(parseWorkspaceRole("WORKSPACE_AUTHOR"), WorkspaceRole::Author);
  EXPECT_FALSE(parseWorkspaceRole("WORKSPACE_ACCESSOR").has_value());
}

TEST(Roles, RoundTripAndSelectorOrder) {
  std::vector<std::string> names;
  for (auto r : allOrgRoles()) {
    names.emplace_back(toString(r));
    EXPECT_EQ(parseOrgRole(toString(r)), r);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"ORGANIZATION_MEMBER", "ORGANIZATION_BILLING_ADMIN",
                                             "ORGANIZATION_OWNER"}));
  for (auto r : allWorkspaceRoles()) EXPECT_EQ(parseWorkspaceRole(toString(r)), r);
}

TEST(Roles, OrderIsOwnerAboveBillingAdminAboveMember) {
  EXPECT_TRUE(atLeast(OrgRole::Owner, OrgRole::BillingAdmin));
  EXPECT_TRUE(atLeast(OrgRole::BillingAdmin, OrgRole::Member));
  EXPECT_FALSE(atLeast(OrgRole::Member, OrgRole::BillingAdmin));
  EXPECT_FALSE(atLeast(OrgRole::BillingAdmin, OrgRole::Owner));
}

// The permission table of product.md "Who may do what", row by row.
struct Row {
  Permission permission;
  bool member, billingAdmin, owner;
};

TEST(Permissions, MatchProductTable) {
  const Row table[] = {
      {Permission::OrganizationRead, true, true, true},
      {Permission::WorkspaceCreate, true, true, true},
      {Permission::OrganizationUpdate, false, false, true},
      {Permission::UserManage, false, false, true},
      {Permission::TeamManage, false, false, true},
      {Permission::ApiTokenManage, false, false, true},
      {Permission::AuditLogExport, false, false, true},
  };
  for (const auto& row : table) {
    EXPECT_EQ(allows(OrgRole::Member, row.permission), row.member) << toString(row.permission);
    EXPECT_EQ(allows(OrgRole::BillingAdmin, row.permission), row.billingAdmin)
        << toString(row.permission);
    EXPECT_EQ(allows(OrgRole::Owner, row.permission), row.owner) << toString(row.permission);
  }
}

TEST(Roles, InvalidRoleMessageKeepsTheTrailingSpace) {
  EXPECT_EQ(kInvalidOrgRoleMessage.back(), ' ');
  EXPECT_EQ(kInvalidOrgRoleMessage,
            "requested role is invalid. Possible values are ORGANIZATION_MEMBER, "
            "ORGANIZATION_BILLING_ADMIN and ORGANIZATION_OWNER ");
}

}  // namespace
}  // namespace astro::core
