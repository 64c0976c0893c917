// Builds `astro organization user` (aliases `us`, `users`, a row of the organization table):
// invite, list, update.
#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "cli/commands/token/token_lookup.h"
#include "cli/commands/user/user_commands.h"

namespace astro::cli {

namespace {
struct Positional {
  std::vector<std::string> args;
};
}  // namespace

void addUserCommands(CLI::App& group, CommandContext& cc) {
  auto* user = &group;
  cc.longHelp[user] = "Manage users in your Astro Organization.";
  makeGroup(*user, cc);
  Environment& env = cc.env;

  {  // invite
    auto& o = cc.make<UserInviteOptions>();
    auto& pos = cc.make<Positional>();
    auto* cmd = user->add_subcommand("invite", "Invite a user to your Astro Organization");
    cmd->alias("inv");
    cc.longHelp[cmd] =
        "Invite a user to your Astro Organization\n$astro user invite [email] --role "
        "[ORGANIZATION_MEMBER, ORGANIZATION_BILLING_ADMIN, ORGANIZATION_OWNER].";
    cmd->add_option("-r,--role", o.role,
                    "The role for the user. Possible values areORGANIZATION_MEMBER, "
                    "ORGANIZATION_BILLING_ADMIN, and ORGANIZATION_OWNER")
        ->capture_default_str();
    acceptExtraArgs(*cmd, pos.args, "email");
    cmd->callback([&o, &pos, &cc, &env] {
      o.email = pos.args.empty() ? "" : lowerCase(pos.args.front());
      cc.exitCode = runUserInvite(o, env);
    });
  }
  {  // list
    auto& o = cc.make<UserListOptions>();
    auto& pos = cc.make<Positional>();
    auto* cmd = user->add_subcommand("list", "List all the users in your Astro Organization");
    cmd->alias("ls");
    cc.longHelp[cmd] = "List all users and their Organization-level roles.";
    auto* out = addOutputFlags(*cmd, o.output);
    acceptExtraArgs(*cmd, pos.args);
    cmd->callback([&o, &cc, &env, out] {
      o.output.outputGiven = out->count() > 0;
      cc.exitCode = runUserList(o, env);
    });
  }
  {  // update
    auto& o = cc.make<UserUpdateOptions>();
    auto& pos = cc.make<Positional>();
    auto* cmd =
        user->add_subcommand("update", "Update the role of a user your in Astro Organization");
    cmd->alias("up");
    cc.longHelp[cmd] =
        "Update the role of a user in your Astro Organization\n$astro user update [email] --role "
        "[ORGANIZATION_MEMBER, ORGANIZATION_BILLING_ADMIN, ORGANIZATION_OWNER].";
    cmd->add_option("-r,--role", o.role,
                    "The new role for the user. Possible values are ORGANIZATION_MEMBER, "
                    "ORGANIZATION_BILLING_ADMIN, and ORGANIZATION_OWNER");
    acceptExtraArgs(*cmd, pos.args, "email");
    cmd->callback([&o, &pos, &cc, &env] {
      o.email = pos.args.empty() ? "" : lowerCase(pos.args.front());
      cc.exitCode = runUserUpdate(o, env);
    });
  }
}

}  // namespace astro::cli
