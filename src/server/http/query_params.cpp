#include "server/http/query_params.h"

#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/url_view.hpp>

namespace astro::server::http {

core::Result<std::vector<QueryParam>> parseQuery(std::string_view encoded) {
  std::vector<QueryParam> out;
  if (encoded.empty()) return out;
  // Boost.URL 1.81's parse_query reads up to a NUL terminator (strlen) past the view it is
  // given, so it gets a NUL-terminated copy (queries are short and only list endpoints read them).
  const std::string terminated(encoded);
  auto parsed = boost::urls::parse_query(terminated);
  if (!parsed) return core::Error::invalid("Invalid query string in request target");
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;  // form encoding, as Go's url.Values writes it
  for (auto p : *parsed) {
    if (p.key.empty() && !p.has_value) continue;  // "a=1&&b=2"
    out.push_back({p.key.decode(opts), p.has_value ? p.value.decode(opts) : std::string()});
  }
  return out;
}

bool decodePathSegment(std::string_view encoded, std::string& out) {
  auto pct = boost::urls::make_pct_string_view(encoded);
  if (!pct) return false;
  out = pct->decode();
  return out.find('/') == std::string::npos && out.find('\0') == std::string::npos;
}

bool splitTarget(std::string_view target, std::string_view& path, std::string_view& query,
                 bool& hasQuery) {
  if (!target.empty() && target.front() == '/') {
    auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed) return false;
    path = parsed->encoded_path();
    hasQuery = parsed->has_query();
    query = hasQuery ? std::string_view(parsed->encoded_query()) : std::string_view();
    return true;
  }
  auto parsed = boost::urls::parse_absolute_uri(target);
  if (!parsed) return false;
  const auto scheme = parsed->scheme_id();
  if (scheme != boost::urls::scheme::http && scheme != boost::urls::scheme::https) return false;
  if (!parsed->has_authority() || parsed->encoded_host().empty()) return false;
  path = parsed->encoded_path();
  if (path.empty()) path = "/";  // static text: RFC 9112 §3.2.1, an empty path is "/"
  hasQuery = parsed->has_query();
  query = hasQuery ? std::string_view(parsed->encoded_query()) : std::string_view();
  return true;
}

}  // namespace astro::server::http
