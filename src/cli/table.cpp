#include "cli/table.h"

#include <algorithm>

#include "client/terminal_text.h"

namespace astro::cli {

std::size_t codePoints(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

namespace {

std::string line(const std::vector<std::string>& cells, const std::vector<std::size_t>& widths) {
  std::string out = " ";
  for (std::size_t i = 0; i < cells.size(); ++i) {
    out += cells[i];
    std::size_t w = i < widths.size() ? widths[i] : 0;
    std::size_t cp = codePoints(cells[i]);
    if (cp < w) out.append(w - cp, ' ');
  }
  return out;
}

// Every cell as the terminal may show it (names and descriptions come from the server); the
// widths are measured on this text.
Table shown(const Table& t) {
  Table s = t;
  for (auto& h : s.headers) h = client::terminalText(h);
  for (auto& r : s.rows)
    for (auto& c : r) c = client::terminalText(c);
  return s;
}

std::string render(const Table& t, const std::vector<std::size_t>& widths, bool colour) {
  std::string out = line(t.headers, widths) + "\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    bool green = colour && r < t.colored.size() && t.colored[r];
    std::string l = line(t.rows[r], widths);
    out += green ? std::string(kGreen) + l + kReset + "\n" : l + "\n";
  }
  return out;
}

}  // namespace

std::string renderTable(const Table& raw, bool colour) {
  const Table t = shown(raw);
  std::vector<std::size_t> widths(t.headers.size(), 0);
  auto measure = [&](const std::vector<std::string>& cells) {
    if (cells.size() > widths.size()) widths.resize(cells.size(), 0);
    for (std::size_t i = 0; i < cells.size(); ++i) widths[i] = std::max(widths[i], cells[i].size());
  };
  measure(t.headers);
  for (const auto& r : t.rows) measure(r);
  for (auto& w : widths) w += 5;
  return render(t, widths, colour);
}

std::string renderFixedTable(const Table& t, const std::vector<std::size_t>& widths, bool colour) {
  return render(shown(t), widths, colour);
}

}  // namespace astro::cli
