// Direct JSON writers for the server's hot responses: they append the JSON text to a std::string
// without building a boost::json value tree first. The output is byte-identical to
// `boost::json::serialize(toJson(x))` (api_json.h): same key order, same omission of absent
// optional fields, same integers, and Boost.JSON's string escaping
// (tests/unit/core_json_writer_test checks this on generated inputs). `toJson` stays the one
// definition of the shapes; a change there needs the same change here, and the test fails until it
// is made.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/pagination.h"
#include "core/time_format.h"
#include "core/tokens/api_token.h"

namespace astro::core {

// `s` as a quoted JSON string, escaped as boost::json::serialize does: `"` and `\` get a backslash;
// \b \t \n \f \r their short forms; other bytes below 0x20 \u00xx (lower-case hex). Every other
// byte (DEL, U+2028/U+2029, and bytes that are not valid UTF-8) is copied as it is.
void appendJsonString(std::string& out, std::string_view s);
// A JSON integer, as Boost.JSON writes an int64.
void appendJsonInt(std::string& out, std::int64_t n);
// `"YYYY-MM-DDTHH:MM:SSZ"` (quoted), the same text as formatRfc3339.
void appendJsonTimestamp(std::string& out, Timestamp t);

void appendJson(std::string& out, const BasicSubjectProfile& p);
void appendJson(std::string& out, const ApiTokenRole& r);
void appendJson(std::string& out, const ApiToken& t);

// `{"<key>":[...],"limit","offset","totalCount"}` as pageToJson gives it; `writeItem(out, item)`
// appends one item. `key` must not be "limit", "offset" or "totalCount" (pageToJson would
// overwrite that member).
template <typename T, typename WriteItem>
void appendPageJson(std::string& out, const Page<T>& page, std::string_view key,
                    WriteItem&& writeItem) {
  out.push_back('{');
  appendJsonString(out, key);
  out += ":[";
  bool first = true;
  for (const auto& item : page.items) {
    if (!first) out.push_back(',');
    first = false;
    writeItem(out, item);
  }
  out += "],\"limit\":";
  appendJsonInt(out, page.limit);
  out += ",\"offset\":";
  appendJsonInt(out, page.offset);
  out += ",\"totalCount\":";
  appendJsonInt(out, page.totalCount);
  out.push_back('}');
}

// A page of tokens under `key` (the API's list response uses "tokens").
void appendTokenPageJson(std::string& out, const Page<ApiToken>& page, std::string_view key);
std::string tokenPageJson(const Page<ApiToken>& page, std::string_view key);

}  // namespace astro::core
