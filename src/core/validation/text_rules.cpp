#include "core/validation/text_rules.h"

#include <cstdint>
#include <cstdio>

#include "core/text/unicode.h"

namespace astro::core {
namespace {

using unicode::CharClass;
using unicode::Decoded;
using unicode::decodeAt;

CharClass classify(std::uint32_t c, TextLines lines) {
  if (lines == TextLines::Multi && (c == '\t' || c == '\n')) return CharClass::Fine;
  return unicode::classify(c);
}

std::string hex(std::uint32_t v, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*X", digits, static_cast<unsigned>(v));
  return buf;
}

}  // namespace

std::optional<std::string> unsafeTextProblem(std::string_view text, TextLines lines) {
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decodeAt(text, i);
    if (d.length == 0)
      return "must be valid UTF-8 (byte 0x" + hex(static_cast<unsigned char>(text[i]), 2) +
             " at byte " + std::to_string(i) + ")";
    const char* what = nullptr;
    switch (classify(d.codePoint, lines)) {
      case CharClass::Fine:
        break;
      case CharClass::Control:
        what = "control characters";
        break;
      case CharClass::Bidi:
        what = "bidirectional formatting characters";
        break;
      case CharClass::Invisible:
        what = "invisible formatting characters";
        break;
    }
    if (what)
      return std::string("must not contain ") + what + " (U+" + hex(d.codePoint, 4) + " at byte " +
             std::to_string(i) + ")";
    i += d.length;
  }
  return std::nullopt;
}

namespace {
// The visible, bounded form of `value`, between `quote`s when `quote` is set.
std::string visible(std::string_view value, bool quote) {
  std::string out = quote ? "\"" : "";
  const std::size_t start = out.size();
  std::size_t i = 0;
  while (i < value.size()) {
    const Decoded d = decodeAt(value, i);
    std::string piece;
    if (d.length == 0) {
      piece = "\\x" + hex(static_cast<unsigned char>(value[i]), 2);
    } else if (classify(d.codePoint, TextLines::Single) != CharClass::Fine) {
      piece = "\\u{" + hex(d.codePoint, 1) + "}";
    } else if (quote && (d.codePoint == '"' || d.codePoint == '\\')) {
      piece = std::string("\\") + static_cast<char>(d.codePoint);
    } else {
      piece.assign(value.substr(i, d.length));
    }
    if (out.size() - start + piece.size() > kMaxEchoedValueBytes) break;
    out += piece;
    i += d.length == 0 ? 1 : d.length;
  }
  if (quote) out += '"';
  if (i < value.size()) out += "…(" + std::to_string(value.size()) + " bytes)";
  return out;
}
}  // namespace

std::string echoValue(std::string_view value) {
  return visible(value, true);
}

std::string echoName(std::string_view name) {
  return visible(name, false);
}

}  // namespace astro::core
