#include "cli/environment.h"

#include <unistd.h>

#include <iostream>

extern char** environ;

namespace astro::cli {

std::optional<std::string> Environment::getenv(const std::string& name) const {
  auto it = vars.find(name);
  if (it == vars.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Environment::nonEmpty(const std::string& name) const {
  auto v = getenv(name);
  if (!v || v->empty()) return std::nullopt;
  return v;
}

bool Environment::colour() const {
  return stdoutIsTerminal && !nonEmpty("NO_COLOR");
}

std::string Environment::resolvedConfigPath() const {
  if (!configPath.empty()) return configPath;
  std::string home = nonEmpty("ASTRO_HOME").value_or(nonEmpty("HOME").value_or("."));
  return home + "/.astro/config.yaml";
}

core::Timestamp Environment::currentTime() const {
  if (now) return now();
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

Environment processEnvironment() {
  Environment env(std::cin, std::cout, std::cerr);
  env.stdinIsTerminal = isatty(STDIN_FILENO) == 1;
  env.stdoutIsTerminal = isatty(STDOUT_FILENO) == 1;
  for (char** e = environ; e && *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) env.vars.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  auto vars = env.vars;
  env.makeTransport = [vars]() {
    client::TransportOptions o;
    o.getenv = [vars](const std::string& name) -> std::optional<std::string> {
      auto it = vars.find(name);
      if (it == vars.end()) return std::nullopt;
      return it->second;
    };
    return client::makeBeastTransport(std::move(o));
  };
  return env;
}

}  // namespace astro::cli
