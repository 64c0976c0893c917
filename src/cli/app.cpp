#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ostream>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "client/terminal_text.h"

namespace astro::cli {

int finish(Environment& env, const core::Result<void>& r) {
  if (r) return kExitOk;
  // Control characters are shown, not obeyed. Line feeds are the CLI's own: server text in a
  // message has been through terminalText (api_error.cpp, the candidates of a selection).
  env.err << "Error: " << client::terminalLines(r.error().message) << "\n";
  return exitCodeFor(r.error());
}

void makeGroup(CLI::App& group, CommandContext& cc) {
  group.require_subcommand(0, 1);
  group.callback([&group, &cc]() {
    if (group.get_subcommands().empty()) {
      cc.env.out << group.help();
      cc.exitCode = kExitOk;
    }
  });
}

void acceptExtraArgs(CLI::App& cmd, std::vector<std::string>& args, const std::string& name) {
  cmd.add_option(name, args, name == "args" ? "" : "optional; further arguments are ignored")
      ->expected(0, -1);
}

CLI::Option* addOutputFlags(CLI::App& cmd, OutputFlags& f, const std::string& formats) {
  cmd.add_flag("--json", f.json, "Output as JSON");
  return cmd.add_option("-o,--output", f.output, "Output format (" + formats + ")");
}

void addSubcommands(CLI::App& group, std::span<const Subcommand> table, std::string_view named,
                    CommandContext& cc) {
  auto names = [named](const Subcommand& s) {
    return named == s.name || std::ranges::any_of(s.aliases, [named](const char* alias) {
             return alias != nullptr && named == alias;
           });
  };
  const bool all = std::ranges::none_of(table, names);
  for (const Subcommand& s : table) {
    auto* cmd = group.add_subcommand(s.name, s.description);
    for (const char* alias : s.aliases)
      if (alias != nullptr) cmd->alias(alias);
    if (all || names(s)) s.build(*cmd, cc);
  }
}

namespace {

class HelpFormatter : public CLI::Formatter {
 public:
  explicit HelpFormatter(const std::map<const CLI::App*, std::string>& longHelp)
      : longHelp_(longHelp) {}
  std::string make_description(const CLI::App* app) const override {
    auto it = longHelp_.find(app);
    if (it != longHelp_.end()) return it->second + "\n";
    return CLI::Formatter::make_description(app);
  }

 private:
  const std::map<const CLI::App*, std::string>& longHelp_;
};

// cobra-like wording for the parse errors a user meets most.
std::string parseErrorMessage(const CLI::ParseError& e) {
  std::string what = e.what();
  std::string first;
  for (const std::string extras :
       {"The following arguments were not expected: ", "The following argument was not expected: "})
    if (what.rfind(extras, 0) == 0) first = what.substr(extras.size());
  if (!first.empty()) {
    first = first.substr(0, first.find(' '));
    if (first.rfind("--", 0) == 0) return "unknown flag: " + first.substr(0, first.find('='));
    if (first.size() > 1 && first[0] == '-')
      return "unknown shorthand flag: '" + first.substr(1, 1) + "' in " + first;
    return "unknown command \"" + first + "\"";
  }
  return what;
}

// The first n words that are not flags (nor the value of --verbosity): the command group, then
// the subcommand of the group.
std::vector<std::string_view> commandWords(const std::vector<std::string>& args, std::size_t n) {
  std::vector<std::string_view> words;
  for (std::size_t i = 0; i < args.size() && words.size() < n; ++i) {
    const std::string& a = args[i];
    if (a == "--verbosity") {
      ++i;
      continue;
    }
    if (a.empty() || a[0] == '-') continue;
    words.push_back(a);
  }
  words.resize(n);
  return words;
}

}  // namespace

int runAstro(const std::vector<std::string>& args, Environment& env) {
  CommandContext cc(env);
  CLI::App app{"astro is a command line interface for working with the Astro Platform.", "astro"};
  cc.longHelp[&app] =
      "astro is a command line interface for working with the Astro Platform.\n\n"
      "This build talks to an Astro-API-compatible server (astro-server) or to Astro.";
  app.formatter(std::make_shared<HelpFormatter>(cc.longHelp));
  app.fallthrough();  // persistent flags (--verbosity) work after a subcommand too
  app.set_help_flag("-h,--help", "help for this command");
  std::string verbosity = "warning";
  app.add_option("--verbosity", verbosity, "Log level (debug, info, warn, error, fatal, panic")
      ->capture_default_str();
  makeGroup(app, cc);

  // Start-up time is part of the product (scripts run astro in loops): building the whole
  // command tree took about a third of a run's instructions. The two large groups are built only
  // when the command line names them (or needs the whole tree: help, completion); otherwise a
  // stub with the same name, alias and description keeps the root help unchanged. One level down
  // likewise: of the group's subcommands only the one the line names is built (addSubcommands),
  // and all of them when the line names none or asks for help.
  const auto words = commandWords(args, 2);
  const std::string_view first = words[0];
  const bool wholeTree = first.empty() || first == "completion" || first.starts_with("__");
  auto wanted = [&](std::string_view name, std::string_view alias) {
    return wholeTree || first == name || first == alias;
  };
  const bool asksHelp =
      std::ranges::any_of(args, [](const std::string& a) { return a == "-h" || a == "--help"; });
  const std::string_view subcommand = wholeTree || asksHelp ? "" : words[1];
  addLoginCommands(app, cc);
  addContextCommands(app, cc);
  if (wanted("organization", "org"))
    addOrganizationCommands(app, cc, subcommand);
  else
    app.add_subcommand("organization", kOrganizationGroupShort)->alias("org");
  if (wanted("workspace", "wo"))
    addWorkspaceCommands(app, cc, subcommand);
  else
    app.add_subcommand("workspace", kWorkspaceGroupShort)->alias("wo");
  addVersionCommand(app, cc);
  addCompletionCommand(app, cc);

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    env.out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    env.out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    env.err << "Error: " << client::terminalText(parseErrorMessage(e)) << "\n";
    env.err << app.help();
    return kExitUsage;
  }
  return cc.exitCode;
}

}  // namespace astro::cli
