// What command registration shares: the Environment, the exit code the chosen command produced,
// Long help texts (shown in a command's own help; Short is the CLI11 description), and storage
// that keeps each command's options alive while CLI11 binds flags to them.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/environment.h"
#include "cli/output.h"
#include "core/result.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace astro::cli {

struct CommandContext {
  explicit CommandContext(Environment& e) : env(e) {}
  Environment& env;
  int exitCode = 0;
  std::map<const CLI::App*, std::string> longHelp;
  std::vector<std::shared_ptr<void>> keepAlive;

  template <typename T>
  T& make() {
    auto p = std::make_shared<T>();
    keepAlive.push_back(p);
    return *p;
  }
};

// Prints "Error: <message>" on stderr for a failure (through terminalLines); returns the exit
// code of the class.
int finish(Environment& env, const core::Result<void>& r);

// A group that prints its help and exits 0 when run without a subcommand.
void makeGroup(CLI::App& group, CommandContext& cc);
// Extra positional words: accepted and ignored, as cobra does for commands without Args.
void acceptExtraArgs(CLI::App& cmd, std::vector<std::string>& args,
                     const std::string& name = "args");

// --json and -o/--output (help "Output format (<formats>)"); returns the -o option so the
// callback can set OutputFlags::outputGiven from its count.
CLI::Option* addOutputFlags(CLI::App& cmd, OutputFlags& f,
                            const std::string& formats = "table|json|yaml");

// One subcommand of a group, as a row of the group's table: what the group's help lists (name,
// aliases, Short) and the function that builds the rest (Long help, flags, its subcommands).
struct Subcommand {
  const char* name;
  std::array<const char*, 2> aliases;  // unused slots are nullptr
  const char* description;
  void (*build)(CLI::App& cmd, CommandContext& cc);
};

// Adds the table's subcommands to `group`, in order. Start-up time: when `named` (the word after
// the group on the command line) is one of them, only that one is built and the others are stubs
// with the same name, aliases and Short, so the group's help and errors read the same. "" or a
// word that names none of them builds them all.
void addSubcommands(CLI::App& group, std::span<const Subcommand> table, std::string_view named,
                    CommandContext& cc);

// Registration of each command group (defined in src/cli/commands/<group>/).
void addLoginCommands(CLI::App& root, CommandContext& cc);  // login, logout
void addContextCommands(CLI::App& root, CommandContext& cc);
void addVersionCommand(CLI::App& root, CommandContext& cc);
void addCompletionCommand(CLI::App& root, CommandContext& cc);
inline constexpr const char* kOrganizationGroupShort = "Manage Astronomer Organizations";
inline constexpr const char* kWorkspaceGroupShort = "Manage Astro Workspaces";
// `subcommand`: the word after the group on the command line, see addSubcommands.
void addOrganizationCommands(CLI::App& root, CommandContext& cc, std::string_view subcommand);
void addWorkspaceCommands(CLI::App& root, CommandContext& cc, std::string_view subcommand);
// Builders of the `organization` subgroups (rows of its table in organization_group.cpp): each
// fills in the group it is given.
void addTokenCommands(CLI::App& token, CommandContext& cc);
void addUserCommands(CLI::App& user, CommandContext& cc);
void addTeamCommands(CLI::App& team, CommandContext& cc);
void addAuditLogCommands(CLI::App& group, CommandContext& cc);
void addRoleCommands(CLI::App& role, CommandContext& cc);

}  // namespace astro::cli
