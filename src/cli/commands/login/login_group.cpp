// Registers `astro login` and `astro logout`.
#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "cli/commands/login/login_commands.h"

namespace astro::cli {

void addLoginCommands(CLI::App& root, CommandContext& cc) {
  Environment& env = cc.env;
  {
    auto& o = cc.make<LoginOptions>();
    auto* cmd = root.add_subcommand("login", "Log in to Astro");
    cc.longHelp[cmd] =
        "Authenticate to Astro or APC. This is an alias for 'astro auth login'.\n"
        "This server accepts API tokens: astro login <domain> --token-login <token>";
    cmd->add_option("domain", o.domain, "the server's domain, e.g. 127.0.0.1:8888");
    cmd->add_flag("-l,--login-link", o.loginLink,
                  "Get login link to login on a separate device for cloud CLI login");
    cmd->add_option("-t,--token-login", o.token,
                    "Login with a token for browserless cloud CLI login");
    cmd->add_flag("-o,--oauth", o.oauth, "Do not prompt for local auth for APC login");
    cmd->callback([&o, &cc, &env] { cc.exitCode = runLogin(o, env); });
  }
  {
    auto& o = cc.make<LogoutOptions>();
    auto* cmd = root.add_subcommand("logout", "Log out of Astronomer");
    cc.longHelp[cmd] = "Log out of Astronomer. This is an alias for 'astro auth logout'.";
    cmd->add_option("domain", o.domain, "the domain to log out of (default: the current one)");
    cmd->callback([&o, &cc, &env] { cc.exitCode = runLogout(o, env); });
  }
}

}  // namespace astro::cli
