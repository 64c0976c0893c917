// Our own request/response types: what handlers see instead of Beast's message types, so that
// handler code compiles without Beast/Asio headers. A request's views point into the session's
// buffers and are valid only while the request is being handled (synchronously).
#pragma once

#include <string>
#include <string_view>

namespace astro::server::http {

enum class Method { Get, Post, Put, Patch, Delete, Head, Options, Other };

std::string_view toString(Method m);

struct HttpRequest {
  Method method = Method::Other;
  std::string_view methodName;  // as sent
  std::string_view path;        // percent-encoded path of the target (no query)
  std::string_view query;       // percent-encoded query without '?'; empty when none
  bool hasQuery = false;
  std::string_view authorization;  // empty when absent
  std::string_view contentType;    // empty when absent
  bool hasContentType = false;
  std::string_view userAgent;
  std::string_view acceptEncoding;  // empty when absent
  std::string_view body;
  std::string_view remoteAddress;
  std::string_view requestId;  // the id this request is answered with
};

// The string_view members point to static text (or into the router).
struct HttpResponse {
  int status = 200;
  std::string body;        // JSON text unless contentType says otherwise; empty for 204
  bool json = true;        // adds Content-Type: application/json when there is a body
  bool close = false;      // close the connection after this response
  std::string_view allow;  // the Allow header of a 405 (points into the router)
  // When set: the Content-Type, sent even for an empty body (instead of application/json).
  std::string_view contentType;
  std::string_view contentEncoding;  // e.g. "gzip"; empty: the body is not encoded
  std::string_view vary;             // the Vary header, e.g. "Accept-Encoding"
  unsigned retryAfterSeconds = 0;    // Retry-After (429, 503) when not 0
  void clear() {
    status = 200;
    body.clear();
    json = true;
    close = false;
    allow = {};
    contentType = {};
    contentEncoding = {};
    vary = {};
    retryAfterSeconds = 0;
  }
};

}  // namespace astro::server::http
