// astro context list|switch|delete (reference §4.3). Contexts are listed in name order (the Go
// CLI's order is random map order).
#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/command.h"
#include "cli/config.h"
#include "cli/factory.h"
#include "cli/prompt.h"
#include "cli/table.h"
#include "client/terminal_text.h"

namespace astro::cli {

namespace {

core::Result<void> contextList(Environment& env) {
  auto cfg = loadConfig(env.resolvedConfigPath());
  if (!cfg) return std::move(cfg).error();
  std::string current = currentDomain(*cfg, env);
  Table t;
  t.headers = {"NAME"};
  for (const auto& [key, e] : cfg->contexts) {
    std::string d = Config::displayDomain(key, e);
    t.addRow({d}, d == current);
  }
  env.out << renderFixedTable(t, {44}, env.colour());
  return {};
}

core::Result<void> contextSwitch(Environment& env, const std::string& domain) {
  if (domain.empty()) return core::Error::invalid("context config invalid, no domain specified");
  std::string workspace;
  auto written = updateConfig(env.resolvedConfigPath(), [&](Config& c) -> core::Result<void> {
    workspace = c.upsert(domain).workspace;
    c.context = domain;
    return {};
  });
  if (!written) return written;
  Table t;
  t.headers = {"CONTEXT DOMAIN", "WORKSPACE"};
  t.addRow({domain, workspace});
  env.out << renderFixedTable(t, {36, 36}, env.colour());
  env.out << "\n Switched context\n";
  return {};
}

core::Result<void> contextDelete(Environment& env, const std::string& domain, bool force) {
  auto cfg = loadConfig(env.resolvedConfigPath());
  if (!cfg) return std::move(cfg).error();
  bool isCurrent = cfg->context == domain;
  if (isCurrent && !force &&
      !confirm(env, "Are you sure you want to delete currently used context: " +
                        client::terminalText(domain))) {
    env.out << "Canceling context delete...\n";
    return {};
  }
  auto written = updateConfig(env.resolvedConfigPath(), [&](Config& c) -> core::Result<void> {
    c.erase(domain);
    if (c.context == domain) c.context.clear();
    return {};
  });
  if (!written) {
    env.out << "Error deleting context " << client::terminalText(domain) << ": ";
    return written;
  }
  env.out << "Successfully deleted context: " << client::terminalText(domain) << "\n";
  return {};
}

}  // namespace

void addContextCommands(CLI::App& root, CommandContext& cc) {
  auto* group = root.add_subcommand("context", "Manage Astro & APC contexts");
  group->alias("c");
  cc.longHelp[group] = "Manage Astro & APC contexts";
  makeGroup(*group, cc);
  Environment& env = cc.env;

  auto* list = group->add_subcommand("list", "List all available Astro & APC contexts");
  list->alias("ls");
  auto& listExtra = cc.make<std::vector<std::string>>();
  acceptExtraArgs(*list, listExtra);
  list->callback([&cc, &env] { cc.exitCode = finish(env, contextList(env)); });

  auto& switchDomain = cc.make<std::string>();
  auto* sw = group->add_subcommand("switch", "Switch to a different Astro or APC context");
  sw->alias("sw");
  sw->add_option("domain", switchDomain, "the domain to switch to");
  sw->callback(
      [&cc, &env, &switchDomain] { cc.exitCode = finish(env, contextSwitch(env, switchDomain)); });

  auto& deleteDomain = cc.make<std::string>();
  auto& force = cc.make<bool>();
  auto* del = group->add_subcommand("delete", "Delete a locally stored Astro or APC context");
  del->alias("de");
  del->add_option("domain", deleteDomain, "the domain of the context to delete")->required();
  del->add_flag("-f,--force", force,
                "Don't prompt a user before context delete; assume \"yes\" as answer to all "
                "prompts and run non-interactively.");
  del->callback([&cc, &env, &deleteDomain, &force] {
    cc.exitCode = finish(env, contextDelete(env, deleteDomain, force));
  });
}

}  // namespace astro::cli
