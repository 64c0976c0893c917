// What command registration shares: the Environment, the exit code the chosen command produced,
// Long help texts (shown in a command's own help; Short is the CLI11 description), and storage
// that keeps each command's options alive while CLI11 binds flags to them.
#pragma once

#include <map>
#include <memory>
#include <string>
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

// Prints "Error: <message>" on stderr for a failure; returns the exit code of the class.
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

// Registration of each command group (defined in src/cli/commands/<group>/).
void addLoginCommands(CLI::App& root, CommandContext& cc);  // login, logout
void addContextCommands(CLI::App& root, CommandContext& cc);
void addVersionCommand(CLI::App& root, CommandContext& cc);
void addCompletionCommand(CLI::App& root, CommandContext& cc);
inline constexpr const char* kOrganizationGroupShort = "Manage Astronomer Organizations";
inline constexpr const char* kWorkspaceGroupShort = "Manage Astro Workspaces";
void addOrganizationCommands(CLI::App& root, CommandContext& cc);
void addTokenCommands(CLI::App& organization, CommandContext& cc);
void addUserCommands(CLI::App& organization, CommandContext& cc);
void addTeamCommands(CLI::App& organization, CommandContext& cc);
void addAuditLogCommands(CLI::App& organization, CommandContext& cc);
void addRoleCommands(CLI::App& organization, CommandContext& cc);
void addWorkspaceCommands(CLI::App& root, CommandContext& cc);

}  // namespace astro::cli
