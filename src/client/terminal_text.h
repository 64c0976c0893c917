// Text from the server (names, descriptions, e-mails, error messages) made safe to print on a
// terminal: control characters and invisible bidi formatting are shown, not obeyed (defect 10 of
// issue 8). Here, at the client boundary, because the API's error messages are made safe where
// they become core::Errors (api_error.cpp); the CLI applies it to every table cell and name.
#pragma once

#include <string>
#include <string_view>

namespace astro::client {

// The scheme (the GitHub CLI's caret notation for C0, made total):
//  - C0 controls U+0000..U+001F and DEL in caret notation, as a terminal echoes typed controls:
//    ESC "^[", CR "^M", LF "^J", TAB "^I", BS "^H", BEL "^G", DEL "^?". Unlike gh, TAB, LF and CR
//    are shown too: a table cell or a one-line message has no use for them, and CR and LF fake
//    lines.
//  - Every other character core::unicode classifies as control, bidi or invisible formatting
//    (C1 controls, U+009B an 8-bit CSI among them; U+2028/U+2029; the bidi controls; U+00AD,
//    U+200B, U+2060, U+FEFF, the tags...) as "<U+XXXX>", except the joiners U+200C and U+200D,
//    which emoji and many scripts need.
//  - A byte that is not part of well-formed UTF-8 as "<0xNN>".
// Everything else passes unchanged. The result is printable, so applying it twice changes
// nothing. Structured output (-o json, -o yaml) does not use it: it stays exact, and the encoders
// escape.
std::string terminalText(std::string_view s);
// The same, but line feeds stay line feeds: for a message the CLI composes over several lines
// (the "Error: …" line). Server text inside it must have gone through terminalText already.
std::string terminalLines(std::string_view s);
}  // namespace astro::client
