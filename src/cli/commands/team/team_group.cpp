// Builds `astro organization team` (aliases `te`, `teams`, a row of the organization table):
// create, list, update, delete and `team user` (aliases `us`, `users`): remove, add, list.
#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "cli/commands/team/team_commands.h"

namespace astro::cli {

namespace {
struct Positional {
  std::vector<std::string> args;
};
}  // namespace

void addTeamCommands(CLI::App& group, CommandContext& cc) {
  auto* team = &group;
  cc.longHelp[team] = "Manage teams in your Astro Organization.";
  makeGroup(*team, cc);
  Environment& env = cc.env;

  {  // create
    auto& o = cc.make<TeamCreateOptions>();
    auto& pos = cc.make<Positional>();
    auto* cmd = team->add_subcommand("create", "Create an Astro Team");
    cmd->alias("cr");
    cc.longHelp[cmd] =
        "Create a team in your Organization. Teams let you assign Workspace and Deployment roles "
        "to groups of users at once. If your Organization uses an external identity provider "
        "(SCIM) for team sync, team creation through the CLI is blocked — manage teams in the "
        "IDP instead.";
    cmd->add_option("-n,--name", o.name,
                    "The Team's name. If the name contains a space, specify the entire team "
                    "within quotes \"\" ");
    cmd->add_option("-d,--description", o.description,
                    "Description of the Team. If the description contains a space, specify the "
                    "entire team in quotes \"\"");
    cmd->add_option("-r,--role", o.role,
                    "The role for the token. Possible values are ORGANIZATION_MEMBER, "
                    "ORGANIZATION_BILLING_ADMIN, and ORGANIZATION_OWNER");
    acceptExtraArgs(*cmd, pos.args);
    cmd->callback([&o, &cc, &env] { cc.exitCode = runTeamCreate(o, env); });
  }
  {  // list
    auto& o = cc.make<TeamListOptions>();
    auto& pos = cc.make<Positional>();
    auto* cmd = team->add_subcommand("list", "List all the teams in your Astro Organization");
    cmd->alias("ls");
    cc.longHelp[cmd] = "List all the teams in your Astro Organization";
    auto* out = addOutputFlags(*cmd, o.output);
    acceptExtraArgs(*cmd, pos.args);
    cmd->callback([&o, &cc, &env, out] {
      o.output.outputGiven = out->count() > 0;
      cc.exitCode = runTeamList(o, env);
    });
  }
  {  // update
    auto& o = cc.make<TeamUpdateOptions>();
    auto* cmd = team->add_subcommand("update", "Update an Astro team");
    cmd->alias("up");
    cc.longHelp[cmd] =
        "Update a team's name, description, or Organization role. For IDP-managed teams, a "
        "confirmation prompt is shown unless --force is used. Team names are "
        "case-insensitively unique within an Organization.";
    cmd->add_option("team-id", o.teamId, "the team's ID; without it a team is selected");
    cmd->add_option("-n,--name", o.name,
                    "The Team's name. If the name contains a space, specify the entire name "
                    "within quotes \"\" ");
    cmd->add_option("-d,--description", o.description,
                    "Description of the Team. If the description contains a space, specify the "
                    "entire team description in quotes \"\"");
    cmd->add_option("-r,--role", o.role,
                    "The new role for the team. Possible values are ORGANIZATION_MEMBER, "
                    "ORGANIZATION_BILLING_ADMIN, and ORGANIZATION_OWNER");
    cmd->add_flag("-f,--force", o.force, "Force update: Skip confirmation for IDP-managed teams");
    cmd->callback([&o, &cc, &env] { cc.exitCode = runTeamUpdate(o, env); });
  }
  {  // delete
    auto& o = cc.make<TeamDeleteOptions>();
    auto* cmd = team->add_subcommand("delete", "Delete an Astro Team");
    cmd->alias("de");
    cc.longHelp[cmd] =
        "Permanently delete a team. All Workspace and Deployment role bindings for the team are "
        "removed, and members lose any access they had through the team (but keep directly "
        "assigned roles). This action cannot be undone.";
    cmd->add_option("team-id", o.teamId, "the team's ID; without it a team is selected");
    cmd->add_flag("-f,--force", o.force, "Force delete: Skip confirmation for IDP-managed teams");
    cmd->callback([&o, &cc, &env] { cc.exitCode = runTeamDelete(o, env); });
  }

  auto* user = team->add_subcommand("user", "Manage users in your Astro Team");
  user->alias("us");
  user->alias("users");
  cc.longHelp[user] = "Manage users in your Astro Team.";
  makeGroup(*user, cc);
  auto addUserFlags = [](CLI::App& cmd, TeamUserOptions& o, const char* forceHelp) {
    cmd.add_option("-t,--team-id", o.teamId, "The Team's unique identifier \"\" ");
    cmd.add_option("-u,--user-id", o.userId, "The User's unique identifier \"\"");
    cmd.add_flag("-f,--force", o.force, forceHelp);
  };
  {  // remove
    auto& o = cc.make<TeamUserOptions>();
    auto& pos = cc.make<Positional>();
    auto* cmd = user->add_subcommand("remove", "Remove a user from an Astro Team");
    cc.longHelp[cmd] =
        "Remove a user from a team. The user loses all Workspace and Deployment roles inherited "
        "through the team but keeps any directly assigned roles.";
    addUserFlags(*cmd, o, "Force remove: Skip confirmation for IDP-managed teams");
    acceptExtraArgs(*cmd, pos.args);
    cmd->callback([&o, &cc, &env] { cc.exitCode = runTeamUserRemove(o, env); });
  }
  {  // add
    auto& o = cc.make<TeamUserOptions>();
    auto& pos = cc.make<Positional>();
    auto* cmd = user->add_subcommand("add", "Add a user to an Astro Team");
    cc.longHelp[cmd] =
        "Add a user to a team. The user immediately inherits all Workspace and Deployment roles "
        "assigned to the team.";
    addUserFlags(*cmd, o, "Force add: Skip confirmation for IDP-managed teams");
    acceptExtraArgs(*cmd, pos.args);
    cmd->callback([&o, &cc, &env] { cc.exitCode = runTeamUserAdd(o, env); });
  }
  {  // list
    auto& o = cc.make<TeamUserListOptions>();
    auto& pos = cc.make<Positional>();
    auto* cmd = user->add_subcommand("list", "Lists users in an Astro Team");
    cc.longHelp[cmd] = "List all members of a team.";
    cmd->add_option("-t,--team-id", o.teamId, "The Team's id \"\" ");
    auto* out = addOutputFlags(*cmd, o.output);
    acceptExtraArgs(*cmd, pos.args);
    cmd->callback([&o, &cc, &env, out] {
      o.output.outputGiven = out->count() > 0;
      cc.exitCode = runTeamUserList(o, env);
    });
  }
}

}  // namespace astro::cli
