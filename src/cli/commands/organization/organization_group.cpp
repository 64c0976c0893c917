// Registers `astro organization` (alias `org`): list, switch, user, team, audit-logs, token, role
// (the Go CLI's registration order), from one table so that a line naming one of them builds only
// that one (see addSubcommands).
#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "cli/commands/organization/organization_commands.h"

namespace astro::cli {

namespace {

void buildList(CLI::App& cmd, CommandContext& cc) {
  auto& o = cc.make<OrganizationListOptions>();
  auto& extra = cc.make<std::vector<std::string>>();
  cc.longHelp[&cmd] = "List all Astro Organizations you have access to.";
  cmd.add_flag("--json", o.output.json, "Output as JSON");
  auto* out = cmd.add_option("-o,--output", o.output.output, "Output format (table|json|yaml)");
  acceptExtraArgs(cmd, extra);
  cmd.callback([&o, &cc, out] {
    o.output.outputGiven = out->count() > 0;
    cc.exitCode = runOrganizationList(o, cc.env);
  });
}

void buildSwitch(CLI::App& cmd, CommandContext& cc) {
  auto& o = cc.make<OrganizationSwitchOptions>();
  cc.longHelp[&cmd] =
      "Switch your active Organization and reset your Workspace context. After switching, your "
      "active Workspace is cleared unless you specify one with --workspace-id. Use --login-link "
      "to generate a login URL for switching on a different device.";
  cmd.add_option("organization", o.organization, "organization name or ID");
  cmd.add_flag("-l,--login-link", o.loginLink,
               "Get login link to login on a separate device for organization switch");
  cmd.add_option("-w,--workspace-id", o.workspaceId, "The Workspace's unique identifier");
  cmd.callback([&o, &cc] { cc.exitCode = runOrganizationSwitch(o, cc.env); });
}

constexpr Subcommand kSubcommands[] = {
    {"list", {"ls"}, "List all Organizations you have access to", buildList},
    {"switch", {"sw"}, "Switch to a different Organization", buildSwitch},
    {"user", {"us", "users"}, "Manage users in your Astro Organization", addUserCommands},
    {"team", {"te", "teams"}, "Manage teams in your Astro Organization", addTeamCommands},
    {"audit-logs", {"al"}, "Manage your Organization audit logs.", addAuditLogCommands},
    {"token", {"to"}, "Manage tokens in your Astro Organization", addTokenCommands},
    {"role", {"ro", "roles"}, "Manage roles in your Astro Organization", addRoleCommands},
};

}  // namespace

void addOrganizationCommands(CLI::App& root, CommandContext& cc, std::string_view subcommand) {
  auto* org = root.add_subcommand("organization", kOrganizationGroupShort);
  org->alias("org");
  cc.longHelp[org] =
      "Manage your Astro Organizations. These commands are for users in more than one "
      "Organization";
  makeGroup(*org, cc);
  addSubcommands(*org, kSubcommands, subcommand, cc);
}

}  // namespace astro::cli
