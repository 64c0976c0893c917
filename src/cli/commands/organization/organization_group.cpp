// Registers `astro organization` (alias `org`): list, switch, user, team, audit-logs, token, role
// (the Go CLI's registration order).
#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "cli/commands/organization/organization_commands.h"

namespace astro::cli {

void addOrganizationCommands(CLI::App& root, CommandContext& cc) {
  auto* org = root.add_subcommand("organization", kOrganizationGroupShort);
  org->alias("org");
  cc.longHelp[org] =
      "Manage your Astro Organizations. These commands are for users in more than one "
      "Organization";
  makeGroup(*org, cc);
  Environment& env = cc.env;

  {
    auto& o = cc.make<OrganizationListOptions>();
    auto& extra = cc.make<std::vector<std::string>>();
    auto* cmd = org->add_subcommand("list", "List all Organizations you have access to");
    cmd->alias("ls");
    cc.longHelp[cmd] = "List all Astro Organizations you have access to.";
    cmd->add_flag("--json", o.output.json, "Output as JSON");
    auto* out = cmd->add_option("-o,--output", o.output.output, "Output format (table|json|yaml)");
    acceptExtraArgs(*cmd, extra);
    cmd->callback([&o, &cc, &env, out] {
      o.output.outputGiven = out->count() > 0;
      cc.exitCode = runOrganizationList(o, env);
    });
  }
  {
    auto& o = cc.make<OrganizationSwitchOptions>();
    auto* cmd = org->add_subcommand("switch", "Switch to a different Organization");
    cmd->alias("sw");
    cc.longHelp[cmd] =
        "Switch your active Organization and reset your Workspace context. After switching, your "
        "active Workspace is cleared unless you specify one with --workspace-id. Use --login-link "
        "to generate a login URL for switching on a different device.";
    cmd->add_option("organization", o.organization, "organization name or ID");
    cmd->add_flag("-l,--login-link", o.loginLink,
                  "Get login link to login on a separate device for organization switch");
    cmd->add_option("-w,--workspace-id", o.workspaceId, "The Workspace's unique identifier");
    cmd->callback([&o, &cc, &env] { cc.exitCode = runOrganizationSwitch(o, env); });
  }
  addUserCommands(*org, cc);
  addTeamCommands(*org, cc);
  addAuditLogCommands(*org, cc);
  addTokenCommands(*org, cc);
  addRoleCommands(*org, cc);
}

}  // namespace astro::cli
