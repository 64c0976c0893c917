// Builds `astro organization token` (alias `to`, a row of the organization table) and its
// subcommands with CLI11: flags, short flags, aliases and help texts from reference §3.14 plus
// product.md's departures.
#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "cli/commands/token/token_commands.h"
#include "cli/commands/token/token_lookup.h"

namespace astro::cli {

namespace {

const char* kNameHelpSuffix =
    " If the name contains a space, specify the entire name within quotes \"\" ";

void addOutputFlags(CLI::App& cmd, OutputFlags& f, CLI::Option*& outputOpt, const char* formats) {
  cmd.add_flag("--json", f.json, "Output as JSON");
  outputOpt =
      cmd.add_option("-o,--output", f.output, std::string("Output format (") + formats + ")");
}

std::string firstArg(const std::vector<std::string>& args) {
  return args.empty() ? "" : lowerCase(args.front());
}

struct Positional {
  std::vector<std::string> args;
};

}  // namespace

void addTokenCommands(CLI::App& group, CommandContext& cc) {
  auto* token = &group;
  cc.longHelp[token] = "Manage tokens in your Astro Organization.";
  auto& orgId = cc.make<std::string>();
  // Accepted and ignored, as in the Astro CLI (reference §3.14): the context's organization is
  // used.
  token->add_option("--organization-id", orgId,
                    "organization where you would like to manage tokens");
  makeGroup(*token, cc);
  Environment& env = cc.env;

  {  // list
    auto& o = cc.make<TokenListOptions>();
    auto& pos = cc.make<Positional>();
    auto* cmd = token->add_subcommand("list", "List all the API tokens in an Astro Organization");
    cmd->alias("ls");
    cc.longHelp[cmd] =
        "List all Organization-scoped API tokens. Organization tokens can hold roles at multiple "
        "levels (Organization, Workspace, Deployment) simultaneously.";
    CLI::Option* out = nullptr;
    addOutputFlags(*cmd, o.output, out, "table|json|yaml");
    acceptExtraArgs(*cmd, pos.args);
    cmd->callback([&o, &cc, &env, out] {
      o.output.outputGiven = out->count() > 0;
      cc.exitCode = runTokenList(o, env);
    });
  }
  {  // roles
    auto& o = cc.make<TokenRolesOptions>();
    auto& pos = cc.make<Positional>();
    auto* cmd = token->add_subcommand("roles", "List roles for an organization API token");
    cc.longHelp[cmd] =
        "List roles for an organization API token\n$astro organization token roles [TOKEN_ID] ";
    CLI::Option* out = nullptr;
    addOutputFlags(*cmd, o.output, out, "table|json|yaml");
    acceptExtraArgs(*cmd, pos.args, "TOKEN_ID");
    cmd->callback([&o, &pos, &cc, &env, out] {
      o.output.outputGiven = out->count() > 0;
      o.tokenId = firstArg(pos.args);
      cc.exitCode = runTokenRoles(o, env);
    });
  }
  {  // create
    auto& o = cc.make<TokenCreateOptions>();
    auto& pos = cc.make<Positional>();
    auto& days = cc.make<int>();
    auto* cmd = token->add_subcommand("create", "Create an API token in an Astro Organization");
    cmd->alias("cr");
    cc.longHelp[cmd] =
        "Create an Organization-scoped API token. The token value is displayed only once at "
        "creation and cannot be retrieved later — store it securely. Use --clean-output to print "
        "only the raw token value for scripts. Use --expiration to set a TTL in days (default: no "
        "expiration).";
    cmd->add_option("-n,--name", o.name, std::string("The token's name.") + kNameHelpSuffix);
    cmd->add_flag("-c,--clean-output", o.cleanOutput,
                  "Print only the token as output. For use of the command in scripts");
    cmd->add_option("-d,--description", o.description,
                    "Description of the token. If the description contains a space, specify the "
                    "entire description within quotes \"\"");
    cmd->add_option("-r,--role", o.role,
                    "The role for the token. Possible values are ORGANIZATION_MEMBER, "
                    "ORGANIZATION_BILLING_ADMIN, and ORGANIZATION_OWNER");
    auto* exp = cmd->add_option("-e,--expiration", days,
                                "Expiration of the token in days. If the flag isn't used the token "
                                "won't have an expiration. Must be between 1 and 3650 days. ");
    CLI::Option* out = nullptr;
    addOutputFlags(*cmd, o.output, out, "table|json|yaml; json and yaml include the token value");
    acceptExtraArgs(*cmd, pos.args);
    cmd->callback([&o, &cc, &env, out, exp, &days] {
      o.output.outputGiven = out->count() > 0;
      if (exp->count() > 0) o.expiration = days;
      cc.exitCode = runTokenCreate(o, env);
    });
  }
  {  // update
    auto& o = cc.make<TokenUpdateOptions>();
    auto& pos = cc.make<Positional>();
    auto& days = cc.make<int>();
    auto* cmd = token->add_subcommand("update", "Update an Organization API token");
    cmd->alias("up");
    cc.longHelp[cmd] =
        "Update an Organization API token's name, description, expiration, or Organization-level "
        "role. Identify the token by its ID (positional argument) or current name (--name). This "
        "does not affect the token's Workspace or Deployment roles.";
    cmd->add_option("-t,--name", o.name,
                    std::string("The current name of the token.") + kNameHelpSuffix);
    cmd->add_option("-n,--new-name", o.newName,
                    std::string("The token's new name.") + kNameHelpSuffix);
    cmd->add_option("-d,--description", o.description,
                    "updated description of the token. If the description contains a space, "
                    "specify the entire description in quotes \"\"");
    cmd->add_option("-r,--role", o.role,
                    "The new role for the token. Possible values are ORGANIZATION_MEMBER, "
                    "ORGANIZATION_BILLING_ADMIN, and ORGANIZATION_OWNER");
    auto* exp = cmd->add_option("-e,--expiration", days,
                                "The token now expires this many days from now. Must be between 1 "
                                "and 3650 days. Without the flag the expiration does not change.");
    cmd->add_flag("-c,--clean-output", o.cleanOutput,
                  "Print only the token's ID as output. For use of the command in scripts");
    acceptExtraArgs(*cmd, pos.args, "TOKEN_ID");
    cmd->callback([&o, &pos, &cc, &env, exp, &days] {
      if (exp->count() > 0) o.expiration = days;
      o.tokenId = firstArg(pos.args);
      cc.exitCode = runTokenUpdate(o, env);
    });
  }
  {  // rotate
    auto& o = cc.make<TokenRotateOptions>();
    auto& pos = cc.make<Positional>();
    auto* cmd = token->add_subcommand("rotate", "Rotate a Organization API token");
    cmd->alias("ro");
    cc.longHelp[cmd] =
        "Rotate a Organization API token. You can only rotate Organization API tokens. You cannot "
        "rotate Workspace API tokens with this command";
    cmd->add_flag("-c,--clean-output", o.cleanOutput,
                  "Print only the token as output. For use of the command in scripts");
    cmd->add_option("-t,--name", o.name,
                    std::string("The name of the token to be rotated.") + kNameHelpSuffix);
    cmd->add_flag("-f,--force", o.force,
                  "Rotate the Organization API token without showing a warning");
    CLI::Option* out = nullptr;
    addOutputFlags(*cmd, o.output, out, "table|json|yaml; json and yaml include the token value");
    acceptExtraArgs(*cmd, pos.args, "TOKEN_ID");
    cmd->callback([&o, &pos, &cc, &env, out] {
      o.output.outputGiven = out->count() > 0;
      o.tokenId = firstArg(pos.args);
      cc.exitCode = runTokenRotate(o, env);
    });
  }
  {  // delete
    auto& o = cc.make<TokenDeleteOptions>();
    auto& pos = cc.make<Positional>();
    auto* cmd = token->add_subcommand(
        "delete",
        "Delete a Organization API token or remove an Organization API token from a Organization");
    cmd->alias("de");
    cc.longHelp[cmd] =
        "Permanently revoke an Organization API token. All access the token grants — including any "
        "Workspace and Deployment roles — is immediately revoked.";
    cmd->add_option("-t,--name", o.name,
                    std::string("The name of the token to be deleted.") + kNameHelpSuffix);
    cmd->add_flag("-f,--force", o.force,
                  "Delete or remove the API token without showing a warning");
    acceptExtraArgs(*cmd, pos.args, "TOKEN_ID");
    cmd->callback([&o, &pos, &cc, &env] {
      o.tokenId = firstArg(pos.args);
      cc.exitCode = runTokenDelete(o, env);
    });
  }
}

}  // namespace astro::cli
