#include "server/http/router.h"

namespace astro::server::http {

std::string_view toString(Method m) {
  switch (m) {
    case Method::Get:
      return "GET";
    case Method::Post:
      return "POST";
    case Method::Put:
      return "PUT";
    case Method::Patch:
      return "PATCH";
    case Method::Delete:
      return "DELETE";
    case Method::Head:
      return "HEAD";
    case Method::Options:
      return "OPTIONS";
    case Method::Other:
      break;
  }
  return "OTHER";
}

namespace {
int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

bool RouteParams::add(std::string_view encoded) {
  if (size_ == kMax) return false;
  if (encoded.find('%') == std::string_view::npos) {
    values_[size_++] = encoded;
    return true;
  }
  std::string& out = decoded_[size_];
  out.clear();
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    char c = encoded[i];
    if (c == '%') {
      if (i + 2 >= encoded.size()) return false;
      int hi = hexValue(encoded[i + 1]);
      int lo = hexValue(encoded[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      if (c == '/' || c == '\0') return false;
      i += 2;
    }
    out.push_back(c);
  }
  values_[size_] = out;
  ++size_;
  return true;
}

}  // namespace astro::server::http
