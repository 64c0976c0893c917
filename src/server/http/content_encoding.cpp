#include "server/http/content_encoding.h"

#include <zlib.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "server/http/ascii.h"

namespace astro::server::http {
namespace {

std::string_view trimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths.
std::optional<int> parseQValue(std::string_view q) {
  if (q.empty() || (q[0] != '0' && q[0] != '1')) return std::nullopt;
  int whole = q[0] - '0';
  int thousandths = 0;
  if (q.size() > 1) {
    if (q[1] != '.' || q.size() > 5) return std::nullopt;
    int scale = 100;
    for (std::size_t i = 2; i < q.size(); ++i, scale /= 10) {
      if (q[i] < '0' || q[i] > '9') return std::nullopt;
      thousandths += (q[i] - '0') * scale;
    }
  }
  if (whole == 1 && thousandths != 0) return std::nullopt;
  return whole * 1000 + thousandths;
}

// The q-value of one element's parameters ("; q=0.5"); 1000 when it has none.
int qOf(std::string_view params) {
  int q = 1000;
  while (!params.empty()) {
    auto semi = params.find(';');
    auto param = trimSpace(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    auto eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (!equalsIgnoreCase(trimSpace(param.substr(0, eq)), "q")) continue;
    auto parsed = parseQValue(trimSpace(param.substr(eq + 1)));
    q = parsed ? *parsed : 0;
  }
  return q;
}

}  // namespace

bool acceptsGzip(std::string_view acceptEncoding) {
  std::optional<int> gzipQ, anyQ;
  while (!acceptEncoding.empty()) {
    auto comma = acceptEncoding.find(',');
    auto element = acceptEncoding.substr(0, comma);
    acceptEncoding =
        comma == std::string_view::npos ? std::string_view() : acceptEncoding.substr(comma + 1);
    auto semi = element.find(';');
    auto coding = trimSpace(element.substr(0, semi));
    int q = semi == std::string_view::npos ? 1000 : qOf(element.substr(semi + 1));
    if (equalsIgnoreCase(coding, "gzip") || equalsIgnoreCase(coding, "x-gzip")) {
      // Listed twice: the most restrictive wins.
      gzipQ = gzipQ ? std::min(*gzipQ, q) : q;
    } else if (coding == "*") {
      anyQ = anyQ ? std::min(*anyQ, q) : q;
    }
  }
  if (gzipQ) return *gzipQ > 0;
  return anyQ && *anyQ > 0;
}

std::string gzipCompress(std::string_view data) {
  z_stream zs{};
  // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("gzip: deflateInit2 failed");
  std::string out;
  out.reserve(deflateBound(&zs, static_cast<uLong>(data.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  std::size_t left = data.size();
  char buffer[16384];
  int flush = Z_NO_FLUSH;
  // zlib's avail_in is 32 bits wide: the input goes in slices (the zpipe.c loop).
  constexpr std::size_t kSlice = std::size_t{1} << 30;
  while (flush != Z_FINISH) {
    zs.avail_in = static_cast<uInt>(std::min(left, kSlice));
    left -= zs.avail_in;
    flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
    do {
      zs.next_out = reinterpret_cast<Bytef*>(buffer);
      zs.avail_out = sizeof buffer;
      if (deflate(&zs, flush) == Z_STREAM_ERROR) {
        deflateEnd(&zs);
        throw std::runtime_error("gzip: deflate failed");
      }
      out.append(buffer, sizeof buffer - zs.avail_out);
    } while (zs.avail_out == 0);
  }
  deflateEnd(&zs);
  return out;
}

}  // namespace astro::server::http
