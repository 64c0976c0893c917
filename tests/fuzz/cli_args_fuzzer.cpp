// Fuzzes the CLI's argument parsing and the commands behind it (src/cli/app.cpp): the input split
// on NUL is argv (without the program name), run in-process against the unit tests' fake API
// (tests/unit/cli_test_support.h: no network I/O, a throwaway ASTRO_HOME, stdin at end of input,
// so every prompt fails instead of waiting). Invariants: no crash, no exception escapes runAstro,
// and the exit status is one of the documented classes (0-5).
//
// Commands may write files named on the command line (audit-logs export --output-file): run the
// harness in an empty scratch directory (scripts/fuzz.sh does).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "cli/exit_codes.h"
#include "unit/cli_test_support.h"

namespace {

std::unique_ptr<astro::testing::CliHarness> harness;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  harness = std::make_unique<astro::testing::CliHarness>();
  std::atexit([] { harness.reset(); });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> args;
  std::string current;
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      args.push_back(std::move(current));
      current.clear();
    } else {
      current += static_cast<char>(data[i]);
    }
  }
  if (!current.empty()) args.push_back(std::move(current));
  if (args.size() > 64) return 0;  // argv beyond what a shell line holds adds nothing

  // A fresh model and a logged-in context for every input, so one input cannot steer the next.
  harness->api = astro::testing::FakeApi();
  harness->loggedIn();
  auto r = harness->run(args);
  if (r.code < astro::cli::kExitOk || r.code > astro::cli::kExitServer) {
    std::fprintf(stderr, "exit status %d outside 0-5\n", r.code);
    std::abort();
  }
  return 0;
}
