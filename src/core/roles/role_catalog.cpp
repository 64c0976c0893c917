#include "core/roles/role_catalog.h"

namespace astro::core {

const std::vector<DefaultRole>& defaultRoles() {
  static const std::vector<DefaultRole> roles = [] {
    const std::vector<std::string> orgMember{"organization.get", "organization.users.get",
                                             "organization.teams.get", "organization.roles.get",
                                             "organization.workspaces.create"};
    std::vector<std::string> billing = orgMember;
    billing.push_back("organization.billing.get");
    billing.push_back("organization.billing.update");
    std::vector<std::string> owner = billing;
    for (const char* p : {"organization.update", "organization.users.invite",
                          "organization.users.update", "organization.users.remove",
                          "organization.teams.create", "organization.teams.update",
                          "organization.teams.delete", "organization.apiTokens.get",
                          "organization.apiTokens.create", "organization.apiTokens.update",
                          "organization.apiTokens.rotate", "organization.apiTokens.delete",
                          "organization.auditLogs.export", "organization.workspaces.getAll"})
      owner.emplace_back(p);

    const std::vector<std::string> wsMember{"workspace.get", "workspace.users.get",
                                            "workspace.teams.get", "workspace.apiTokens.get"};
    std::vector<std::string> wsAuthor = wsMember;
    wsAuthor.push_back("workspace.deployments.deploy");
    std::vector<std::string> wsOperator = wsAuthor;
    wsOperator.push_back("workspace.deployments.update");
    std::vector<std::string> wsOwner = wsOperator;
    for (const char* p : {"workspace.update", "workspace.delete", "workspace.users.update",
                          "workspace.teams.update", "workspace.apiTokens.update"})
      wsOwner.emplace_back(p);

    return std::vector<DefaultRole>{
        {"ORGANIZATION_OWNER", "Full control of the organization, its users, teams, API tokens, "
                               "audit log and every workspace.", owner, "ORGANIZATION"},
        {"ORGANIZATION_BILLING_ADMIN", "Organization member who also manages billing.", billing,
         "ORGANIZATION"},
        {"ORGANIZATION_MEMBER", "Sees the organization, its users, teams and roles; creates "
                                "workspaces.", orgMember, "ORGANIZATION"},
        {"WORKSPACE_OWNER", "Full control of the workspace and who may use it.", wsOwner,
         "WORKSPACE"},
        {"WORKSPACE_OPERATOR", "Operates the workspace's deployments.", wsOperator, "WORKSPACE"},
        {"WORKSPACE_AUTHOR", "Deploys code to the workspace.", wsAuthor, "WORKSPACE"},
        {"WORKSPACE_MEMBER", "Sees the workspace.", wsMember, "WORKSPACE"},
    };
  }();
  return roles;
}

}  // namespace astro::core
