// Router: maps (method, path) to a handler through path templates such as
// /v1/organizations/{org}/tokens/{id}. Matching compares segments (no regex) and captures the
// {placeholders} as percent-decoded values. Built once at start, then read-only (thread-safe).
// HEAD is answered by a route's GET handler (RFC 9110 §9.3.2: the same header fields, no body;
// the transport drops the body), so a GET route is also a HEAD route without registering one.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/http_message.h"

namespace astro::server::http {

// Captured {placeholders} of one match, in template order.
class RouteParams {
 public:
  static constexpr std::size_t kMax = 4;
  std::string_view operator[](std::size_t i) const { return values_[i]; }
  std::size_t size() const { return size_; }
  // Appends a raw (percent-encoded) segment; decodes it only when it contains '%'.
  // Returns false when it does not decode to a sane value (bad escape, '/' or NUL inside).
  bool add(std::string_view encoded);
  void clear() { size_ = 0; }

 private:
  std::array<std::string_view, kMax> values_{};
  std::array<std::string, kMax> decoded_{};
  std::size_t size_ = 0;
};

template <typename Handler>
class Router {
 public:
  enum class Outcome { Matched, NotFound, MethodNotAllowed };
  struct Match {
    Outcome outcome = Outcome::NotFound;
    const Handler* handler = nullptr;
    std::string_view pathTemplate = "-";  // the route template (log lines), "-" when none
    std::string_view allow;               // the route's methods ("GET, POST"), for a 405
  };

  struct RouteInfo {
    Method method;
    std::string_view pathTemplate;  // points into the router
  };

  // Every (method, template) pair in registration order: what the permission test walks.
  std::vector<RouteInfo> routes() const {
    std::vector<RouteInfo> out;
    for (const auto& r : routes_)
      for (const auto& m : r.methods) out.push_back({m.first, r.templateText});
    return out;
  }

  // Registers `handler` for `method` on `pathTemplate` (segments: literals or {name}).
  void add(Method method, std::string_view pathTemplate, Handler handler) {
    auto segments = split(pathTemplate);
    for (auto& r : routes_) {
      if (r.templateText == pathTemplate) {
        r.methods.push_back({method, std::move(handler)});
        r.allow = allowOf(r.methods);
        return;
      }
    }
    Route r;
    r.templateText = std::string(pathTemplate);
    for (auto s : segments) {
      bool param = s.size() >= 2 && s.front() == '{' && s.back() == '}';
      r.segments.push_back({param, std::string(param ? std::string_view{} : s)});
    }
    r.methods.push_back({method, std::move(handler)});
    r.allow = allowOf(r.methods);
    routes_.push_back(std::move(r));
  }

  // `path` is the percent-encoded path of the request target.
  Match match(Method method, std::string_view path, RouteParams& params) const {
    Match m;
    for (const auto& r : routes_) {
      params.clear();
      if (!matches(r, path, params)) continue;
      m.pathTemplate = r.templateText;
      const Handler* get = nullptr;
      for (const auto& [meth, handler] : r.methods) {
        if (meth == method) {
          m.outcome = Outcome::Matched;
          m.handler = &handler;
          return m;
        }
        if (meth == Method::Get) get = &handler;
      }
      if (method == Method::Head && get) {
        m.outcome = Outcome::Matched;
        m.handler = get;
        return m;
      }
      m.outcome = Outcome::MethodNotAllowed;
      m.allow = r.allow;
      return m;
    }
    params.clear();
    return m;
  }

 private:
  struct Segment {
    bool param = false;
    std::string literal;
  };
  struct Route {
    std::string templateText;
    std::vector<Segment> segments;
    std::vector<std::pair<Method, Handler>> methods;
    std::string allow;
  };

  // "GET, HEAD, POST": the registered methods in order, HEAD right after GET.
  static std::string allowOf(const std::vector<std::pair<Method, Handler>>& methods) {
    std::string out;
    bool head = false;
    for (const auto& m : methods) head = head || m.first == Method::Head;
    for (const auto& m : methods) {
      if (!out.empty()) out += ", ";
      out += toString(m.first);
      if (m.first == Method::Get && !head) out += ", HEAD";
    }
    return out;
  }

  static std::vector<std::string_view> split(std::string_view path) {
    std::vector<std::string_view> out;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    while (true) {
      auto slash = path.find('/');
      out.push_back(path.substr(0, slash));
      if (slash == std::string_view::npos) break;
      path.remove_prefix(slash + 1);
    }
    return out;
  }

  static bool matches(const Route& r, std::string_view path, RouteParams& params) {
    if (path.empty() || path.front() != '/') return false;
    path.remove_prefix(1);
    for (std::size_t i = 0; i < r.segments.size(); ++i) {
      auto slash = path.find('/');
      bool last = i + 1 == r.segments.size();
      if (last != (slash == std::string_view::npos)) return false;
      std::string_view seg = path.substr(0, slash);
      const Segment& s = r.segments[i];
      if (s.param) {
        if (seg.empty() || !params.add(seg)) return false;
      } else if (seg != s.literal) {
        return false;
      }
      if (!last) path.remove_prefix(slash + 1);
    }
    return true;
  }

  std::vector<Route> routes_;
};

}  // namespace astro::server::http
