#include "core/json/json_writer.h"

#include <charconv>
#include <chrono>

#include "core/json/api_json.h"

namespace astro::core {

namespace {

// What a byte becomes inside a JSON string, as Boost.JSON's serializer's table has it: 0 copy,
// 'u' \u00xx, any other character c the two-byte escape \c.
constexpr auto kEscape = [] {
  struct Table {
    char v[256] = {};
  } t;
  for (int c = 0; c < 0x20; ++c) t.v[c] = 'u';
  t.v['\b'] = 'b';
  t.v['\t'] = 't';
  t.v['\n'] = 'n';
  t.v['\f'] = 'f';
  t.v['\r'] = 'r';
  t.v['"'] = '"';
  t.v['\\'] = '\\';
  return t;
}();

// A member: `key` is its `,"name":` (or `"name":`) prefix.
void appendField(std::string& out, std::string_view key, std::string_view v) {
  out += key;
  appendJsonString(out, v);
}

void appendField(std::string& out, std::string_view key, Timestamp v) {
  out += key;
  appendJsonTimestamp(out, v);
}

// An optional member: nothing when absent.
template <typename T>
void appendOpt(std::string& out, std::string_view key, const std::optional<T>& v) {
  if (v) appendField(out, key, *v);
}

}  // namespace

void appendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  const char* run = s.data();
  const char* const end = s.data() + s.size();
  for (const char* p = run; p != end; ++p) {
    auto byte = static_cast<unsigned char>(*p);
    char e = kEscape.v[byte];
    if (e == 0) continue;
    out.append(run, p);
    run = p + 1;
    if (e != 'u') {
      const char esc[2] = {'\\', e};
      out.append(esc, 2);
    } else {
      const char esc[6] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 15]};
      out.append(esc, 6);
    }
  }
  out.append(run, end);
  out.push_back('"');
}

void appendJsonInt(std::string& out, std::int64_t n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, end);
}

void appendJsonTimestamp(std::string& out, Timestamp t) {
  char buf[kRfc3339Length + 2];
  buf[0] = '"';
  writeRfc3339(t, buf + 1);
  buf[kRfc3339Length + 1] = '"';
  out.append(buf, sizeof buf);
}

// Member order and omissions follow toJson in api_json.cpp.
void appendJson(std::string& out, const BasicSubjectProfile& p) {
  appendField(out, "{\"id\":", p.id);
  appendField(out, ",\"subjectType\":", toString(p.subjectType));
  appendOpt(out, ",\"fullName\":", p.fullName);
  appendOpt(out, ",\"username\":", p.username);
  appendOpt(out, ",\"avatarUrl\":", p.avatarUrl);
  appendOpt(out, ",\"apiTokenName\":", p.apiTokenName);
  out.push_back('}');
}

void appendJson(std::string& out, const ApiTokenRole& r) {
  out.push_back('{');
  if (r.deploymentId) {
    appendField(out, "\"deploymentId\":", *r.deploymentId);
    out.push_back(',');
  }
  appendField(out, "\"entityId\":", r.entityId);
  appendField(out, ",\"entityType\":", r.entityType);
  appendField(out, ",\"role\":", r.role);
  out.push_back('}');
}

void appendJson(std::string& out, const ApiToken& t) {
  appendField(out, "{\"id\":", t.id);
  appendField(out, ",\"name\":", t.name);
  appendField(out, ",\"description\":", t.description);
  appendField(out, ",\"shortToken\":", t.shortToken);
  appendOpt(out, ",\"token\":", t.token);
  appendField(out, ",\"scope\":", t.scope);
  appendField(out, ",\"kind\":", t.kind);
  out += ",\"roles\":[";
  for (std::size_t i = 0; i < t.roles.size(); ++i) {
    if (i > 0) out.push_back(',');
    appendJson(out, t.roles[i]);
  }
  out.push_back(']');
  if (t.expiryPeriodInDays) {
    out += ",\"expiryPeriodInDays\":";
    appendJsonInt(out, *t.expiryPeriodInDays);
  }
  appendField(out, ",\"startAt\":", t.startAt);
  appendOpt(out, ",\"endAt\":", t.endAt);
  appendOpt(out, ",\"lastRotatedAt\":", t.lastRotatedAt);
  appendOpt(out, ",\"lastUsedAt\":", t.lastUsedAt);
  appendField(out, ",\"createdAt\":", t.createdAt);
  appendField(out, ",\"updatedAt\":", t.updatedAt);
  if (t.createdBy) {
    out += ",\"createdBy\":";
    appendJson(out, *t.createdBy);
  }
  if (t.updatedBy) {
    out += ",\"updatedBy\":";
    appendJson(out, *t.updatedBy);
  }
  out.push_back('}');
}

void appendTokenPageJson(std::string& out, const Page<ApiToken>& page, std::string_view key) {
  appendPageJson(out, page, key, [](std::string& o, const ApiToken& t) { appendJson(o, t); });
}

std::string tokenPageJson(const Page<ApiToken>& page, std::string_view key) {
  std::string out;
  out.reserve(64 + 640 * page.items.size());  // a typical token is 450-600 bytes
  appendTokenPageJson(out, page, key);
  return out;
}

}  // namespace astro::core
