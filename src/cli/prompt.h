// Interactive input (reference §1.3) over the Environment's stdin: text prompts, Confirm, and the
// numbered selection. Reads strictly line by line, so several piped answers all arrive.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "cli/environment.h"
#include "cli/table.h"
#include "core/result.h"

namespace astro::cli {

// One line from stdin, CR/LF trimmed from both ends; nullopt at end of input.
std::optional<std::string> readLine(Environment& env);
// Prints `prompt` (no newline) and reads a line; "" at end of input.
std::string promptText(Environment& env, const std::string& prompt);
// Prints `prompt + " (y/n) "`; true only for exactly "y".
bool confirm(Environment& env, const std::string& prompt);

struct Selection {
  std::string title;           // printed (with a trailing newline) before the table, if not empty
  Table table;                 // without the "#" column: it is added here
  std::string invalidMessage;  // e.g. "invalid Organization API token selection"
  // The error when no answer can be had (departure 4); called only then.
  std::function<core::Error()> noInput;
};

// Departure 4's message: "<what> must be chosen but there is no answer to read (stdin is closed
// or not a terminal); candidates: "<name>" (<id>), …. <how>" (NotFound, exit 3).
core::Error noAnswerError(const std::string& what,
                          const std::vector<std::pair<std::string, std::string>>& candidates,
                          const std::string& how);

// Prints the numbered table and the "\n> " prompt, reads the answer, returns the 0-based row.
// When stdin is not a terminal the answer is read first: at end of input, or on an empty line,
// it fails at once with `noInput()` without printing the table.
core::Result<std::size_t> selectRow(Environment& env, const Selection& s);

}  // namespace astro::cli
