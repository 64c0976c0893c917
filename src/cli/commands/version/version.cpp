// astro version
#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/command.h"
#include "client/client_identity.h"

namespace astro::cli {

void addVersionCommand(CLI::App& root, CommandContext& cc) {
  auto* cmd = root.add_subcommand("version", "List running version of the Astro CLI");
  cc.longHelp[cmd] = "The astro semantic version.";
  auto& extra = cc.make<std::vector<std::string>>();
  acceptExtraArgs(*cmd, extra);
  Environment& env = cc.env;
  cmd->callback([&cc, &env] {
    env.out << "Astro CLI Version: " << client::cliVersion() << "\n";
    cc.exitCode = 0;
  });
}

}  // namespace astro::cli
