// astro workspace token add [ORG_TOKEN_ID] (reference §4.7 "add", AddOrgTokenToWorkspace):
// gives an organization API token a role on a workspace.
#include <ostream>

#include "cli/command.h"
#include "cli/commands/token/token_lookup.h"
#include "cli/commands/workspace/workspace_commands.h"
#include "cli/prompt.h"
#include "client/terminal_text.h"
#include "core/roles/roles.h"

namespace astro::cli {

namespace {

core::Result<std::string> selectWorkspaceRole(Environment& env) {
  Selection sel;
  sel.title = "select a Workspace Role for the Organization Token:";
  sel.table.headers = {"ROLE"};
  for (auto r : core::allWorkspaceRoles()) sel.table.addRow({std::string(core::toString(r))});
  sel.invalidMessage = "invalid workspace role selection";
  sel.noInput = [] {
    return core::Error::invalid(
        "a workspace role must be chosen but there is no answer to read (stdin is closed or not "
        "a terminal). Pass --role WORKSPACE_MEMBER, WORKSPACE_AUTHOR, WORKSPACE_OPERATOR or "
        "WORKSPACE_OWNER");
  };
  auto i = selectRow(env, sel);
  if (!i) return std::move(i).error();
  return std::string(core::toString(core::allWorkspaceRoles()[*i]));
}

core::Result<void> workspaceTokenAdd(const WorkspaceTokenAddOptions& o, Environment& env) {
  if (!o.role.empty() && !core::parseWorkspaceRole(o.role))
    return core::Error::invalid(std::string(core::kInvalidWorkspaceRoleMessage));
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto ws = targetWorkspace(*s, o.workspaceId);
  if (!ws) return std::move(ws).error();
  std::string role = o.role;
  if (role.empty()) {
    auto chosen = selectWorkspaceRole(env);
    if (!chosen) return std::move(chosen).error();
    role = *chosen;
  }
  auto token = lookUpToken(env, *s, o.tokenId, o.tokenName, "astro workspace token add");
  if (!token) return std::move(token).error();
  core::UpdateApiTokenRolesRequest req;
  bool replaced = false;
  for (const auto& r : token->roles) {
    if (r.entityType == "WORKSPACE" && r.entityId == *ws) {
      if (r.role == role)
        return core::Error::conflict(
            "this Organization API token has already been added to the Workspace with that role");
      if (!replaced) req.roles.push_back({"WORKSPACE", *ws, role, std::nullopt});
      replaced = true;
      continue;
    }
    req.roles.push_back(r);
  }
  if (!replaced) req.roles.push_back({"WORKSPACE", *ws, role, std::nullopt});
  auto applied = s->api().updateTokenRoles(s->organization, token->id, req);
  if (!applied) return std::move(applied).error();
  env.out << "Astro Organization API token " << client::terminalText(token->name)
          << " was successfully added to the Workspace\n";
  return {};
}

}  // namespace

int runWorkspaceTokenAdd(const WorkspaceTokenAddOptions& o, Environment& env) {
  return finish(env, workspaceTokenAdd(o, env));
}

}  // namespace astro::cli
