// HeaderScanner: finds the end of a request head (request line and header fields, up to the
// blank line) in bytes as they arrive, and refuses the line framing that lets two parsers read
// one message differently (RFC 9112 §2.2, §5.2): a CR or LF that is not part of CRLF, and
// obsolete line folding (a line that starts with SP or HTAB), which a proxy may unfold while we
// would not, or the other way round. Beast accepts both; the session scans before Beast parses.
// Plain data, no I/O; one scanner per request, owned by its session (not thread-safe).
#pragma once

#include <cstddef>
#include <string_view>

namespace astro::server::http {

class HeaderScanner {
 public:
  enum class Outcome { NeedMore, Complete, BareLineEnding, ObsoleteFold };

  // `bytes` is everything received so far for this request, starting at its first byte; each
  // call sees the previous call's bytes as its prefix. Scans only what is new (a request head
  // that arrives a byte at a time costs linear time, not quadratic).
  Outcome scan(std::string_view bytes);
  // After Complete: the head is bytes [headStart(), headEnd()), ending in the blank line; bytes
  // before headStart() are empty lines a client may send before a request line (RFC 9112 §2.2
  // lets a server ignore them).
  std::size_t headStart() const { return start_; }
  std::size_t headEnd() const { return end_; }

 private:
  std::size_t pos_ = 0;        // the next byte to look at
  std::size_t lineStart_ = 0;  // where the line being scanned began
  std::size_t start_ = 0;
  std::size_t end_ = 0;
};

}  // namespace astro::server::http
