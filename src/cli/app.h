// The `astro` command tree and its entry point: parse argv with CLI11, run the chosen command
// in-process against the Environment, return the exit status.
#pragma once

#include <string>
#include <vector>

#include "cli/environment.h"

namespace astro::cli {

// args excludes the program name.
int runAstro(const std::vector<std::string>& args, Environment& env);

}  // namespace astro::cli
