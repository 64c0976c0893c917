// HeaderScanner: the request-head framing check the session runs before Beast parses a head.
#include <gtest/gtest.h>

#include <string>

#include "server/http/header_scanner.h"

namespace astro::server::http {
namespace {

using O = HeaderScanner::Outcome;

O scanAll(std::string_view bytes, HeaderScanner& s) {
  return s.scan(bytes);
}

TEST(HeaderScanner, FindsTheEndOfAHead) {
  HeaderScanner s;
  const std::string head = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_EQ(scanAll(head + "GET /next", s), O::Complete);
  EXPECT_EQ(s.headStart(), 0u);
  EXPECT_EQ(s.headEnd(), head.size());
}

TEST(HeaderScanner, ByteByByteGivesTheSameAnswer) {
  const std::string head = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n";
  HeaderScanner s;
  for (std::size_t n = 1; n < head.size(); ++n)
    ASSERT_EQ(s.scan(std::string_view(head).substr(0, n)), O::NeedMore) << n;
  ASSERT_EQ(s.scan(head), O::Complete);
  EXPECT_EQ(s.headEnd(), head.size());
}

TEST(HeaderScanner, SkipsEmptyLinesBeforeTheRequestLine) {
  HeaderScanner s;
  ASSERT_EQ(s.scan("\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"), O::Complete);
  EXPECT_EQ(s.headStart(), 4u);
}

TEST(HeaderScanner, RefusesBareLineEndings) {
  for (std::string bad : {"GET / HTTP/1.1\nHost: x\r\n\r\n", "GET / HTTP/1.1\r\nHost: x\n\n",
                          "GET / HTTP/1.1\r\nHost: x\rY: z\r\n\r\n", "\n"}) {
    HeaderScanner s;
    EXPECT_EQ(s.scan(bad), O::BareLineEnding) << bad;
  }
}

TEST(HeaderScanner, RefusesObsoleteFolding) {
  for (std::string bad :
       {"GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", "GET / HTTP/1.1\r\nX: a\r\n\tb\r\n\r\n",
        "GET / HTTP/1.1\r\n Host: x\r\n\r\n"}) {
    HeaderScanner s;
    EXPECT_EQ(s.scan(bad), O::ObsoleteFold) << bad;
  }
}

TEST(HeaderScanner, WaitsForTheByteThatDecidesAFold) {
  HeaderScanner s;
  EXPECT_EQ(s.scan("GET / HTTP/1.1\r\nX: a\r\n"), O::NeedMore);
  EXPECT_EQ(s.scan("GET / HTTP/1.1\r\nX: a\r\n "), O::ObsoleteFold);
  HeaderScanner t;
  EXPECT_EQ(t.scan("GET / HTTP/1.1\r"), O::NeedMore);
  EXPECT_EQ(t.scan("GET / HTTP/1.1\rX"), O::BareLineEnding);
}

}  // namespace
}  // namespace astro::server::http
