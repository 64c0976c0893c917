#include "core/ids.h"

#include <array>

namespace astro::core {

bool isCuid(std::string_view s) {
  if (s.size() != 25 || s[0] != 'c') return false;
  for (char c : s.substr(1))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) return false;
  return true;
}

std::string generateId(const RandomBytes& random) {
  static constexpr std::string_view kAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string id = "c";
  std::array<std::uint8_t, 48> buf{};
  while (id.size() < 25) {
    random(buf);
    for (std::uint8_t b : buf) {
      if (b >= 252) continue;  // 252 = 7 * 36: keeps characters uniform
      id.push_back(kAlphabet[b % 36]);
      if (id.size() == 25) break;
    }
  }
  return id;
}

}  // namespace astro::core
