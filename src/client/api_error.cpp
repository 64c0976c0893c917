#include "client/api_error.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "client/terminal_text.h"

namespace astro::client {

core::Error normalizeApiError(int status, std::string_view body) {
  core::Error e;
  e.code = core::errorCodeFromHttpStatus(status);
  e.message = "failed to perform request, status " + std::to_string(status);
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec) return e;
  if (auto* o = v.if_object()) {
    if (auto* m = o->if_contains("message"); m && m->is_string() && !m->get_string().empty())
      e.message = terminalText(m->get_string());  // shown to the user as it is
    if (auto* fe = o->if_contains("fieldErrors"); fe && fe->is_array()) {
      for (const auto& f : fe->get_array()) {
        auto* fo = f.if_object();
        if (!fo) continue;
        auto str = [&](const char* k) {
          auto* x = fo->if_contains(k);
          return x && x->is_string() ? terminalText(x->get_string()) : std::string();
        };
        e.fieldErrors.push_back({str("code"), str("field"), str("message")});
      }
    }
  }
  return e;
}

}  // namespace astro::client
