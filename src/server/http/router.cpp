#include "server/http/router.h"

#include "server/http/query_params.h"

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

bool RouteParams::add(std::string_view encoded) {
  if (size_ == kMax) return false;
  if (encoded.find('%') == std::string_view::npos) {
    values_[size_++] = encoded;
    return true;
  }
  std::string& out = decoded_[size_];
  if (!decodePathSegment(encoded, out)) return false;
  values_[size_] = out;
  ++size_;
  return true;
}

}  // namespace astro::server::http
