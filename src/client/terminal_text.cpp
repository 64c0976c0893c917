#include "client/terminal_text.h"

#include <cstdint>

#include "core/text/unicode.h"

namespace astro::client {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void appendHex(std::string& out, std::uint32_t v, int digits) {
  for (int i = digits - 1; i >= 0; --i) out += kHex[(v >> (4 * i)) & 0xF];
}

std::string show(std::string_view s, bool keepLineFeeds) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) {  // the common case: printable ASCII
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const auto [cp, n] = core::unicode::decodeAt(s, i);
    if (n == 0) {
      out += "<0x";
      appendHex(out, c, 2);
      out += '>';
      ++i;
    } else if (cp == '\n' && keepLineFeeds) {
      out += '\n';
      ++i;
    } else if (cp < 0x20) {
      out += '^';
      out += static_cast<char>(cp + 0x40);
      ++i;
    } else if (cp == 0x7F) {
      out += "^?";
      ++i;
    } else if (core::unicode::classify(cp) != core::unicode::CharClass::Fine &&
               !core::unicode::isJoiner(cp)) {
      out += "<U+";
      appendHex(out, cp, cp > 0xFFFFF ? 6 : cp > 0xFFFF ? 5 : 4);
      out += '>';
      i += n;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

}  // namespace

std::string terminalText(std::string_view s) {
  return show(s, false);
}

std::string terminalLines(std::string_view s) {
  return show(s, true);
}

}  // namespace astro::client
