#include "server/http/header_scanner.h"

namespace astro::server::http {

HeaderScanner::Outcome HeaderScanner::scan(std::string_view bytes) {
  while (pos_ < bytes.size()) {
    const auto at = bytes.find_first_of("\r\n", pos_);
    if (at == std::string_view::npos) {
      pos_ = bytes.size();
      return Outcome::NeedMore;
    }
    if (bytes[at] == '\n') return Outcome::BareLineEnding;
    // Deciding on this CR needs the byte after it (LF), and for a line that ends a field, the
    // byte after that (a fold starts with SP or HTAB): wait for them without moving past it.
    pos_ = at;
    if (at + 1 >= bytes.size()) return Outcome::NeedMore;
    if (bytes[at + 1] != '\n') return Outcome::BareLineEnding;
    const std::size_t next = at + 2;
    if (at == lineStart_) {  // an empty line
      if (lineStart_ == start_ && end_ == 0 && at == start_) {
        // Before the request line: skip it (at most the head limit of them: the session caps
        // the bytes it reads for a head).
        start_ = next;
        lineStart_ = next;
        pos_ = next;
        continue;
      }
      end_ = next;
      pos_ = next;
      return Outcome::Complete;
    }
    if (next >= bytes.size()) return Outcome::NeedMore;
    if (bytes[next] == ' ' || bytes[next] == '\t') return Outcome::ObsoleteFold;
    lineStart_ = next;
    pos_ = next;
  }
  return Outcome::NeedMore;
}

}  // namespace astro::server::http
