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

void appendOpt(std::string& out, std::string_view key, const std::optional<std::string>& v) {
  if (!v) return;
  out += key;
  appendJsonString(out, *v);
}

void appendOpt(std::string& out, std::string_view key, const std::optional<Timestamp>& v) {
  if (!v) return;
  out += key;
  appendJsonTimestamp(out, *v);
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
  // The digits of formatRfc3339 (years outside 0..9999 clamped the same way), written in place.
  using namespace std::chrono;
  auto dp = floor<days>(t);
  year_month_day ymd{dp};
  hh_mm_ss hms{t - dp};
  char buf[] = "\"0000-00-00T00:00:00Z\"";
  auto put = [&buf](std::size_t pos, long v, int width) {
    for (int i = width - 1; i >= 0; --i, v /= 10) buf[pos + i] = static_cast<char>('0' + v % 10);
  };
  int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) y = y < 0 ? 0 : 9999;
  put(1, y, 4);
  put(6, static_cast<unsigned>(ymd.month()), 2);
  put(9, static_cast<unsigned>(ymd.day()), 2);
  put(12, hms.hours().count(), 2);
  put(15, hms.minutes().count(), 2);
  put(18, static_cast<long>(hms.seconds().count()), 2);
  out.append(buf, sizeof buf - 1);
}

// Member order and omissions follow toJson in api_json.cpp.
void appendJson(std::string& out, const BasicSubjectProfile& p) {
  out += "{\"id\":";
  appendJsonString(out, p.id);
  out += ",\"subjectType\":";
  appendJsonString(out, toString(p.subjectType));
  appendOpt(out, ",\"fullName\":", p.fullName);
  appendOpt(out, ",\"username\":", p.username);
  appendOpt(out, ",\"avatarUrl\":", p.avatarUrl);
  appendOpt(out, ",\"apiTokenName\":", p.apiTokenName);
  out.push_back('}');
}

void appendJson(std::string& out, const ApiTokenRole& r) {
  out.push_back('{');
  if (r.deploymentId) {
    out += "\"deploymentId\":";
    appendJsonString(out, *r.deploymentId);
    out.push_back(',');
  }
  out += "\"entityId\":";
  appendJsonString(out, r.entityId);
  out += ",\"entityType\":";
  appendJsonString(out, r.entityType);
  out += ",\"role\":";
  appendJsonString(out, r.role);
  out.push_back('}');
}

void appendJson(std::string& out, const ApiToken& t) {
  out += "{\"id\":";
  appendJsonString(out, t.id);
  out += ",\"name\":";
  appendJsonString(out, t.name);
  out += ",\"description\":";
  appendJsonString(out, t.description);
  out += ",\"shortToken\":";
  appendJsonString(out, t.shortToken);
  appendOpt(out, ",\"token\":", t.token);
  out += ",\"scope\":";
  appendJsonString(out, t.scope);
  out += ",\"kind\":";
  appendJsonString(out, t.kind);
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
  out += ",\"startAt\":";
  appendJsonTimestamp(out, t.startAt);
  appendOpt(out, ",\"endAt\":", t.endAt);
  appendOpt(out, ",\"lastRotatedAt\":", t.lastRotatedAt);
  appendOpt(out, ",\"lastUsedAt\":", t.lastUsedAt);
  out += ",\"createdAt\":";
  appendJsonTimestamp(out, t.createdAt);
  out += ",\"updatedAt\":";
  appendJsonTimestamp(out, t.updatedAt);
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
