// The server's store-failure log: one error line per cause per window, then the count of the
// lines it held back; never more than the failure's own message.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "server/logging/logging.h"
#include "server/logging/store_failure_log.h"

namespace astro::test {

namespace {
std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}
}  // namespace

TEST(StoreFailureLog, OneLinePerCausePerWindowThenTheSuppressedCount) {
  auto now = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  server::logging::StoreFailureLog log(std::chrono::seconds(10), [&] { return now; });
  const store::StoreFailure full{store::StoreError::Kind::Unavailable, "SQLITE_FULL",
                                 "sqlite: executing a statement: database or disk is full"};
  const store::StoreFailure corrupt{
      store::StoreError::Kind::Io, "SQLITE_CORRUPT",
      "sqlite: executing a statement: database disk image is malformed"};
  server::logging::init(server::logging::Level::Info);
  testing::internal::CaptureStderr();
  for (int i = 0; i < 100; ++i) log.storeFailed(full);
  log.storeFailed(corrupt);  // another cause: its own line at once
  now += std::chrono::seconds(11);
  log.storeFailed(full);
  auto err = testing::internal::GetCapturedStderr();
  server::logging::setLevel(server::logging::Level::Warn);

  EXPECT_EQ(count(err,
                  "error store failure cause=SQLITE_FULL kind=unavailable: sqlite: executing "
                  "a statement: database or disk is full"),
            2u)
      << err;
  EXPECT_EQ(count(err, "cause=SQLITE_CORRUPT kind=io"), 1u) << err;
  EXPECT_NE(err.find("(99 more with this cause since the last line)"), std::string::npos) << err;
}

}  // namespace astro::test
