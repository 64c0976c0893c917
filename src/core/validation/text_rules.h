// Human-readable text as the API accepts it (names, descriptions, e-mail addresses): valid UTF-8
// without the characters that make a table or terminal show something other than what is stored.
// And how a request value is echoed into an error message: bounded, with hidden characters shown.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace astro::core {

// Multi-line text (descriptions) may also hold tab and newline.
enum class TextLines { Single, Multi };

// Why `text` cannot be shown as it is, e.g. "must not contain bidirectional formatting characters
// (U+202E at byte 4)"; nullopt when it can. Refused: invalid UTF-8; C0 and C1 control characters
// and DEL (tab and newline allowed in Multi); bidirectional formatting (U+061C, U+200E/U+200F,
// U+202A-U+202E, U+2066-U+2069); invisible formatting (U+00AD, U+180E, U+200B-U+200D,
// U+2060-U+2064, U+206A-U+206F, U+FEFF, U+FFF9-U+FFFB, tags U+E0000-U+E007F); the line and
// paragraph separators U+2028/U+2029 (they break a line where no newline is stored).
std::optional<std::string> unsafeTextProblem(std::string_view text, TextLines lines);

// At most this many bytes of a request value are echoed into a message.
inline constexpr std::size_t kMaxEchoedValueBytes = 64;

// `value` quoted for an error message: at most kMaxEchoedValueBytes of it (cut on a character
// boundary, then "…(N bytes)"), every character unsafeTextProblem refuses shown as \u{XXXX} (or
// \xHH for a byte that is not UTF-8).
std::string echoValue(std::string_view value);
// The same without quotes, for a field name taken from a request (a JSON key): unchanged when it
// is short, safe text.
std::string echoName(std::string_view name);

}  // namespace astro::core
