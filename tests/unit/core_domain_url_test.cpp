#include "core/domain_url.h"

#include <gtest/gtest.h>

namespace astro::core {
namespace {

TEST(DomainUrl, SchemeIsUsedAsGiven) {
  EXPECT_EQ(baseUrlForDomain("http://127.0.0.1:8888"), "http://127.0.0.1:8888");
  EXPECT_EQ(baseUrlForDomain("https://astro.example.com/"), "https://astro.example.com");
}

TEST(DomainUrl, LocalHostsAndHostPortAreHttp) {
  EXPECT_EQ(baseUrlForDomain("localhost"), "http://localhost:8888");
  EXPECT_EQ(baseUrlForDomain("127.0.0.1"), "http://127.0.0.1:8888");
  EXPECT_EQ(baseUrlForDomain("localhost:9000"), "http://localhost:9000");
  EXPECT_EQ(baseUrlForDomain("control.internal:8080"), "http://control.internal:8080");
  EXPECT_EQ(baseUrlForDomain("[::1]"), "http://[::1]:8888");
  EXPECT_EQ(baseUrlForDomain("[::1]:9999"), "http://[::1]:9999");
}

TEST(DomainUrl, OtherDomainsGoToApiSubdomainOverHttps) {
  EXPECT_EQ(baseUrlForDomain("astronomer.io"), "https://api.astronomer.io");
  EXPECT_EQ(baseUrlForDomain("cloud.astronomer.io"), "https://api.astronomer.io");
  EXPECT_EQ(baseUrlForDomain("example.com"), "https://api.example.com");
  EXPECT_EQ(baseUrlForDomain(""), "https://api.astronomer.io");
}

TEST(DomainUrl, ContextKeyReplacesDots) {
  EXPECT_EQ(contextKeyForDomain("astronomer.io"), "astronomer_io");
  EXPECT_EQ(contextKeyForDomain("127.0.0.1:8888"), "127_0_0_1:8888");
}

}  // namespace
}  // namespace astro::core
