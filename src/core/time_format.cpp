#include "core/time_format.h"


namespace astro::core {

using namespace std::chrono;

void writeRfc3339(Timestamp t, char* out) {
  // Hand-written digits: this runs several times per serialized token (no printf on the hot path).
  auto dp = floor<days>(t);
  year_month_day ymd{dp};
  hh_mm_ss hms{t - dp};
  constexpr std::string_view kPattern = "0000-00-00T00:00:00Z";
  static_assert(kPattern.size() == kRfc3339Length);
  kPattern.copy(out, kPattern.size());
  auto put = [out](std::size_t pos, long v, int width) {
    for (int i = width - 1; i >= 0; --i, v /= 10) out[pos + i] = static_cast<char>('0' + v % 10);
  };
  int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) {  // outside RFC 3339's four-digit years: clamp rather than overflow
    y = y < 0 ? 0 : 9999;
  }
  put(0, y, 4);
  put(5, static_cast<unsigned>(ymd.month()), 2);
  put(8, static_cast<unsigned>(ymd.day()), 2);
  put(11, hms.hours().count(), 2);
  put(14, hms.minutes().count(), 2);
  put(17, static_cast<long>(hms.seconds().count()), 2);
}

std::string formatRfc3339(Timestamp t) {
  std::string out(kRfc3339Length, '0');
  writeRfc3339(t, out.data());
  return out;
}

std::string formatDate(Timestamp t) { return formatRfc3339(t).substr(0, 10); }

namespace {
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}
}  // namespace

std::optional<Timestamp> parseRfc3339(std::string_view s) {
  int y, mo, d, h, mi, se;
  if (!digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
      !digits(s, 17, 2, se))
    return std::nullopt;
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  if (pos >= s.size()) return std::nullopt;
  seconds offset{0};
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset = hours(oh) + minutes(om);
    if (s[pos] == '-') offset = -offset;
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  year_month_day ymd{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 60) return std::nullopt;
  return Timestamp{sys_days(ymd).time_since_epoch() + hours(h) + minutes(mi) + seconds(se)} - offset;
}

std::string timeAgo(Timestamp then, Timestamp now) {
  auto d = now - then;
  auto dayCount = duration_cast<hours>(d).count() / 24;
  if (dayCount > 0) return std::to_string(dayCount) + " days ago";
  if (auto h = duration_cast<hours>(d).count(); h > 0) return std::to_string(h) + " hours ago";
  if (auto m = duration_cast<minutes>(d).count(); m > 0) return std::to_string(m) + " minutes ago";
  return "Just now";
}

}  // namespace astro::core
