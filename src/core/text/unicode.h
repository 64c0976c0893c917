// Unicode as astro reads it, in one place: strict UTF-8 decoding and the classes of characters
// that make a table, terminal or log show something other than the stored text. The server
// refuses such characters in names (core/validation/text_rules.h); the CLI shows them instead of
// obeying them (client/terminal_text.h). Each decides what to do with a class; the classes and
// the decoding are the same for both.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace astro::core::unicode {

// One decoded character: its code point and its length in bytes; length 0: the byte at that
// offset does not start well-formed UTF-8.
struct Decoded {
  std::uint32_t codePoint = 0;
  std::size_t length = 0;
};

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF, no
// truncated sequence. `i` must be < s.size().
Decoded decodeAt(std::string_view s, std::size_t i);
bool isWellFormedUtf8(std::string_view s);

enum class CharClass {
  Fine,
  // C0 controls (tab and newline included: a caller that allows them checks first), DEL, C1
  // controls (U+0080-U+009F; U+009B is an 8-bit CSI), the line and paragraph separators
  // U+2028/U+2029 (they break a line where no newline is stored).
  Control,
  // Bidirectional formatting: U+061C, U+200E/U+200F, U+202A-U+202E, U+2066-U+2069.
  Bidi,
  // Invisible formatting: U+00AD, U+180E, U+200B-U+200D, U+2060-U+2064, U+206A-U+206F, U+FEFF,
  // U+FFF9-U+FFFB, tags U+E0000-U+E007F.
  Invisible,
};
CharClass classify(std::uint32_t codePoint);

// The zero-width non-joiner and joiner (U+200C, U+200D): invisible, but emoji sequences and
// several scripts need them, so text shown to a person keeps them.
constexpr bool isJoiner(std::uint32_t codePoint) {
  return codePoint == 0x200C || codePoint == 0x200D;
}

}  // namespace astro::core::unicode
