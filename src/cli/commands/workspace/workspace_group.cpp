// Registers `astro workspace` (alias `wo`): list, create, switch, `workspace team` (alias `te`)
// with `add`, and `workspace token` (alias `to`, persistent --workspace-id) with `add`, from one
// table so that a line naming one of them builds only that one (see addSubcommands).
#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "cli/commands/token/token_lookup.h"
#include "cli/commands/workspace/workspace_commands.h"

namespace astro::cli {

namespace {
struct Positional {
  std::vector<std::string> args;
};

void buildList(CLI::App& cmd, CommandContext& cc) {
  auto& o = cc.make<WorkspaceListOptions>();
  auto& pos = cc.make<Positional>();
  cc.longHelp[&cmd] = "List all Astro Workspaces you have access to.";
  auto* out = addOutputFlags(cmd, o.output);
  acceptExtraArgs(cmd, pos.args);
  cmd.callback([&o, &cc, out] {
    o.output.outputGiven = out->count() > 0;
    cc.exitCode = runWorkspaceList(o, cc.env);
  });
}

void buildCreate(CLI::App& cmd, CommandContext& cc) {
  auto& o = cc.make<WorkspaceCreateOptions>();
  auto& pos = cc.make<Positional>();
  cc.longHelp[&cmd] = "Create an Astro Workspace.";
  cmd.add_option("-n,--name", o.name, "The Workspace's name");
  auto* desc = cmd.add_option("-d,--description", o.description, "Description of the Workspace");
  cmd.add_flag("--enforce-cicd", o.enforceCicd,
               "Provide this flag means deploys to deployments must use an API Key or Token. "
               "This essentially forces Deploys to happen through CI/CD");
  acceptExtraArgs(cmd, pos.args);
  cmd.callback([&o, &cc, desc] {
    o.descriptionGiven = desc->count() > 0;
    cc.exitCode = runWorkspaceCreate(o, cc.env);
  });
}

void buildSwitch(CLI::App& cmd, CommandContext& cc) {
  auto& o = cc.make<WorkspaceSwitchOptions>();
  cc.longHelp[&cmd] = "Switch to a different Astro Workspace.";
  cmd.add_option("workspace", o.workspace, "workspace name or ID");
  cmd.callback([&o, &cc] { cc.exitCode = runWorkspaceSwitch(o, cc.env); });
}

void buildTeam(CLI::App& team, CommandContext& cc) {
  cc.longHelp[&team] = "Manage teams in your Astro Workspace.";
  auto& teamWsId = cc.make<std::string>();
  team.add_option("--workspace-id", teamWsId, "workspace where you would like to manage teams");
  makeGroup(team, cc);
  {  // team add
    auto& o = cc.make<WorkspaceTeamAddOptions>();
    auto& pos = cc.make<Positional>();
    auto* cmd = team.add_subcommand("add", "Add a team to an Astro Workspace");
    cc.longHelp[cmd] =
        "Add a team to an Astro Workspace with a role; its members hold that role on the "
        "Workspace.\n$astro workspace team add [TEAM_ID] --role [WORKSPACE_MEMBER, "
        "WORKSPACE_AUTHOR, WORKSPACE_OPERATOR, WORKSPACE_OWNER].";
    cmd->add_option("-r,--role", o.role,
                    "The role for the team. Possible values are WORKSPACE_MEMBER, "
                    "WORKSPACE_AUTHOR, WORKSPACE_OPERATOR and WORKSPACE_OWNER")
        ->capture_default_str();
    acceptExtraArgs(*cmd, pos.args, "TEAM_ID");
    cmd->callback([&o, &pos, &cc, &teamWsId] {
      o.workspaceId = teamWsId;
      o.teamId = pos.args.empty() ? "" : pos.args.front();
      cc.exitCode = runWorkspaceTeamAdd(o, cc.env);
    });
  }
}

void buildToken(CLI::App& token, CommandContext& cc) {
  cc.longHelp[&token] = "Manage tokens in your Astro Workspace.";
  auto& wsId = cc.make<std::string>();
  token.add_option("--workspace-id", wsId, "workspace where you would like to manage tokens");
  makeGroup(token, cc);
  {  // add
    auto& o = cc.make<WorkspaceTokenAddOptions>();
    auto& pos = cc.make<Positional>();
    auto* cmd = token.add_subcommand("add", "Add an Organization API token to an Astro Workspace");
    cc.longHelp[cmd] =
        "Add an Organization API token to an Astro Workspace\n$astro workspace token add "
        "[ORG_TOKEN_ID] --role [WORKSPACE_MEMBER, WORKSPACE_AUTHOR, WORKSPACE_OPERATOR, "
        "WORKSPACE_OWNER].";
    cmd->add_option("-n,--org-token-name", o.tokenName,
                    "The name of the Organization API token you want to add to a Workspace. If "
                    "the name contains a space, specify the entire name within quotes \"\" ");
    cmd->add_option("-r,--role", o.role,
                    "The role for the token. Possible values are WORKSPACE_MEMBER, "
                    "WORKSPACE_AUTHOR, WORKSPACE_OPERATOR and WORKSPACE_OWNER");
    acceptExtraArgs(*cmd, pos.args, "ORG_TOKEN_ID");
    cmd->callback([&o, &pos, &cc, &wsId] {
      o.workspaceId = wsId;
      o.tokenId = pos.args.empty() ? "" : lowerCase(pos.args.front());
      cc.exitCode = runWorkspaceTokenAdd(o, cc.env);
    });
  }
}

constexpr Subcommand kSubcommands[] = {
    {"list", {"ls"}, "List all Astro Workspaces", buildList},
    {"create", {"cr"}, "Create an Astro Workspace", buildCreate},
    {"switch", {"sw"}, "Switch to a different Astro Workspace", buildSwitch},
    {"team", {"te"}, "Manage teams in your Astro Workspace", buildTeam},
    {"token", {"to"}, "Manage tokens in your Astro Workspace", buildToken},
};

}  // namespace

void addWorkspaceCommands(CLI::App& root, CommandContext& cc, std::string_view subcommand) {
  auto* workspace = root.add_subcommand("workspace", kWorkspaceGroupShort);
  workspace->alias("wo");
  cc.longHelp[workspace] = "Create and manage Workspaces on Astro.";
  makeGroup(*workspace, cc);
  addSubcommands(*workspace, kSubcommands, subcommand, cc);
}

}  // namespace astro::cli
