#include "cli/prompt.h"

#include <istream>
#include <ostream>

#include "client/terminal_text.h"

namespace astro::cli {

std::optional<std::string> readLine(Environment& env) {
  std::string line;
  if (!std::getline(env.in, line)) {
    if (line.empty()) return std::nullopt;
  }
  auto isNl = [](char c) { return c == '\r' || c == '\n'; };
  while (!line.empty() && isNl(line.back())) line.pop_back();
  std::size_t b = 0;
  while (b < line.size() && isNl(line[b])) ++b;
  return line.substr(b);
}

std::string promptText(Environment& env, const std::string& prompt) {
  env.out << prompt << std::flush;
  return readLine(env).value_or("");
}

bool confirm(Environment& env, const std::string& prompt) {
  return promptText(env, prompt + " (y/n) ") == "y";
}

core::Error noAnswerError(const std::string& what,
                          const std::vector<std::pair<std::string, std::string>>& candidates,
                          const std::string& how) {
  std::string m = what +
                  " must be chosen but there is no answer to read (stdin is closed or not a "
                  "terminal); candidates: ";
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (i) m += ", ";
    m.append("\"").append(client::terminalText(candidates[i].first)).append("\" (");
    m.append(client::terminalText(candidates[i].second)).append(")");
  }
  if (candidates.empty()) m += "none";
  return core::Error::notFound(m + ". " + how);
}

core::Result<std::size_t> selectRow(Environment& env, const Selection& s) {
  std::optional<std::string> answer;
  if (!env.stdinIsTerminal) {
    answer = readLine(env);
    if (!answer || answer->empty()) return s.noInput();
  }
  if (!s.title.empty()) env.out << s.title << "\n";
  Table numbered;
  numbered.headers.push_back("#");
  numbered.headers.insert(numbered.headers.end(), s.table.headers.begin(), s.table.headers.end());
  for (std::size_t i = 0; i < s.table.rows.size(); ++i) {
    std::vector<std::string> row{std::to_string(i + 1)};
    row.insert(row.end(), s.table.rows[i].begin(), s.table.rows[i].end());
    numbered.addRow(std::move(row), i < s.table.colored.size() && s.table.colored[i]);
  }
  env.out << renderTable(numbered, env.colour());
  env.out << "\n> " << std::flush;
  if (env.stdinIsTerminal) answer = readLine(env);
  std::string a = answer.value_or("");
  for (std::size_t i = 0; i < s.table.rows.size(); ++i)
    if (a == std::to_string(i + 1)) return i;
  return core::Error::invalid(s.invalidMessage);
}

}  // namespace astro::cli
