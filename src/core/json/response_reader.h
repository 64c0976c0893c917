// ResponseReader: lenient reading of API responses on the client side. A field of the wrong type
// is an error (kept in `error`, first one wins); a missing field takes its default.
// Shared by the JSON mapping files of core/json.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/pagination.h"
#include "core/result.h"
#include "core/time_format.h"

namespace astro::core {

// Lenient readers for responses: a wrong type is an error, a missing field a default.
struct ResponseReader {
  const boost::json::object* obj = nullptr;
  std::string what;
  std::optional<Error> error;

  ResponseReader(const boost::json::value& v, std::string w) : what(std::move(w)) {
    obj = v.if_object();
    if (!obj) fail("expected a JSON object");
  }
  void fail(const std::string& m) {
    if (!error) error = Error::internal("unexpected " + what + " in response: " + m);
  }
  std::string str(std::string_view k) { return optStr(k).value_or(""); }
  std::optional<std::string> optStr(std::string_view k) {
    if (!obj) return std::nullopt;
    auto* v = obj->if_contains(k);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string()) { fail(std::string(k) + " is not a string"); return std::nullopt; }
    return std::string(v->get_string());
  }
  std::optional<std::int64_t> optInt(std::string_view k) {
    if (!obj) return std::nullopt;
    auto* v = obj->if_contains(k);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
    fail(std::string(k) + " is not an integer");
    return std::nullopt;
  }
  std::optional<bool> optBool(std::string_view k) {
    auto* v = raw(k);
    if (!v) return std::nullopt;
    if (!v->is_bool()) { fail(std::string(k) + " is not a boolean"); return std::nullopt; }
    return v->get_bool();
  }
  std::optional<Timestamp> optTime(std::string_view k) {
    auto s = optStr(k);
    if (!s) return std::nullopt;
    auto t = parseRfc3339(*s);
    if (!t) fail(std::string(k) + " is not an RFC 3339 time");
    return t;
  }
  Timestamp time(std::string_view k) { return optTime(k).value_or(Timestamp{}); }
  const boost::json::value* raw(std::string_view k) {
    if (!obj) return nullptr;
    auto* v = obj->if_contains(k);
    return (v && !v->is_null()) ? v : nullptr;
  }
  const boost::json::array* arr(std::string_view k) {
    auto* v = raw(k);
    if (!v) return nullptr;
    if (!v->is_array()) { fail(std::string(k) + " is not an array"); return nullptr; }
    return &v->get_array();
  }
};


template <typename T, typename F>
Result<Page<T>> pageFromJson(const boost::json::value& v, std::string_view key, F itemFromJson) {
  ResponseReader r(v, std::string(key) + " page");
  Page<T> page;
  page.limit = static_cast<int>(r.optInt("limit").value_or(0));
  page.offset = static_cast<int>(r.optInt("offset").value_or(0));
  page.totalCount = r.optInt("totalCount").value_or(0);
  if (auto* a = r.arr(key)) {
    for (const auto& item : *a) {
      auto parsed = itemFromJson(item);
      if (!parsed) return parsed.error();
      page.items.push_back(std::move(*parsed));
    }
  }
  if (r.error) return *r.error;
  return page;
}


}  // namespace astro::core
