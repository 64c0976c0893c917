#include "core/time_format.h"

#include <gtest/gtest.h>

namespace astro::core {
namespace {

using namespace std::chrono;

Timestamp at(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return Timestamp{sys_days(year(y) / month(mo) / day(d)).time_since_epoch() + hours(h) +
                   minutes(mi) + seconds(s)};
}

TEST(Time, FormatsRfc3339Utc) {
  EXPECT_EQ(formatRfc3339(at(2024, 1, 2, 3, 4, 5)), "2024-01-02T03:04:05Z");
  EXPECT_EQ(formatRfc3339(Timestamp{}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(formatDate(at(2026, 11, 30, 23, 59, 59)), "2026-11-30");
}

TEST(Time, ParsesWhatItFormatsAndOffsets) {
  auto t = at(2026, 8, 13, 17, 51, 53);
  EXPECT_EQ(parseRfc3339(formatRfc3339(t)), t);
  EXPECT_EQ(parseRfc3339("2026-08-13T17:51:53.123456789Z"), t);
  EXPECT_EQ(parseRfc3339("2026-08-13T13:51:53-04:00"), t);
  EXPECT_EQ(parseRfc3339("2026-08-13T19:21:53+01:30"), t);
}

TEST(Time, RejectsMalformed) {
  for (auto bad : {"", "2026-08-13", "2026-08-13T17:51:53", "2026-13-01T00:00:00Z",
                   "2026-02-30T00:00:00Z", "2026-08-13T17:51:53Zjunk", "2026-08-13T17:51:53."})
    EXPECT_FALSE(parseRfc3339(bad).has_value()) << bad;
}

// Reference §11.1 TimeAgo cases, plus the boundaries and the missing singular.
TEST(Time, TimeAgo) {
  auto now = at(2026, 11, 29, 12);
  EXPECT_EQ(timeAgo(now, now), "Just now");
  EXPECT_EQ(timeAgo(now - seconds(59), now), "Just now");
  EXPECT_EQ(timeAgo(now - minutes(30), now), "30 minutes ago");
  EXPECT_EQ(timeAgo(now - hours(5), now), "5 hours ago");
  EXPECT_EQ(timeAgo(now - days(10), now), "10 days ago");
  EXPECT_EQ(timeAgo(now - hours(24), now), "1 days ago");
  EXPECT_EQ(timeAgo(now - hours(23) - minutes(59), now), "23 hours ago");
}

}  // namespace
}  // namespace astro::core
