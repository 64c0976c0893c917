// Everything a command touches outside its options: streams, terminal facts, environment
// variables, the config file path, how to get an HTTP transport, and the clock. The real binary
// fills it from the process; tests fill it with string streams and a fake transport, and run
// commands in-process (GitHub CLI's Factory/IOStreams habit).
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "client/http_transport.h"
#include "core/time_format.h"

namespace astro::cli {

struct Environment {
  Environment(std::istream& in, std::ostream& out, std::ostream& err)
      : in(in), out(out), err(err) {}

  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool stdinIsTerminal = false;
  bool stdoutIsTerminal = false;
  std::map<std::string, std::string> vars;  // the environment variables the CLI may read
  std::string configPath;                   // empty: $ASTRO_HOME or $HOME + /.astro/config.yaml
  std::function<std::unique_ptr<client::HttpTransport>()> makeTransport;
  std::function<core::Timestamp()> now;

  // A variable's value; nullopt when unset.
  std::optional<std::string> getenv(const std::string& name) const;
  // A variable that is set and not empty.
  std::optional<std::string> nonEmpty(const std::string& name) const;
  // Colour only on a terminal, and never with NO_COLOR (product.md departure 6).
  bool colour() const;
  std::string resolvedConfigPath() const;
  core::Timestamp currentTime() const;
};

// The Environment of the running process (real streams, isatty, environ, Beast transport).
Environment processEnvironment();

}  // namespace astro::cli
