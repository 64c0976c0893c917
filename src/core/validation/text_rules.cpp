#include "core/validation/text_rules.h"

#include <cstdint>
#include <cstdio>

namespace astro::core {
namespace {

enum class CharClass { Fine, Control, Bidi, Invisible };

// One decoded character: its code point and length in bytes; length 0: not UTF-8 here.
struct Decoded {
  std::uint32_t codePoint = 0;
  std::size_t length = 0;
};

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
Decoded decodeAt(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return {b0, 1};
  std::size_t n;
  std::uint32_t cp, min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2, cp = b0 & 0x1Fu, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3, cp = b0 & 0x0Fu, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4, cp = b0 & 0x07u, min = 0x10000;
  } else {
    return {};
  }
  if (i + n > s.size()) return {};
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(k) & 0xC0u) != 0x80u) return {};
    cp = (cp << 6) | (byte(k) & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
  return {cp, n};
}

CharClass classify(std::uint32_t c, TextLines lines) {
  if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029) {
    if (lines == TextLines::Multi && (c == '\t' || c == '\n')) return CharClass::Fine;
    return CharClass::Control;
  }
  if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
      (c >= 0x2066 && c <= 0x2069))
    return CharClass::Bidi;
  if (c == 0x00AD || c == 0x180E || (c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) ||
      (c >= 0x206A && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) ||
      (c >= 0xE0000 && c <= 0xE007F))
    return CharClass::Invisible;
  return CharClass::Fine;
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
