// Tables as the Astro CLI prints them (reference §1.4): every line starts with one space; with
// dynamic padding a column is as wide as its longest cell in bytes + 5, cells left-justified and
// padded counting code points. Coloured rows are green, but only when colour is on (departure 6).
// Cells are printed through terminalText (control characters shown, not obeyed) and measured so.
#pragma once

#include <string>
#include <vector>

namespace astro::cli {

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> colored;  // per row; missing entries mean "not coloured"

  void addRow(std::vector<std::string> row, bool color = false) {
    rows.push_back(std::move(row));
    colored.resize(rows.size() - 1, false);
    colored.push_back(color);
  }
};

inline constexpr const char* kGreen = "\033[1;32m";
inline constexpr const char* kReset = "\033[0m";
inline constexpr const char* kBold = "\033[1m";

std::string renderTable(const Table& t, bool colour);
// Fixed widths (" %-Ns%-Ms…"), as the context tables use.
std::string renderFixedTable(const Table& t, const std::vector<std::size_t>& widths, bool colour);
// Number of UTF-8 code points (what Go's %-Ns pads by).
std::size_t codePoints(const std::string& s);

}  // namespace astro::cli
