// The `astro` CLI: everything lives in src/cli; this only wires the process in.
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/environment.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto env = astro::cli::processEnvironment();
  return astro::cli::runAstro(args, env);
}
