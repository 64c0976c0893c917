#include <gtest/gtest.h>

#include "core/error.h"
#include "core/ids.h"
#include "core/tokens/token_validation.h"

namespace astro::core {
namespace {

TEST(Validation, TokenName) {
  EXPECT_FALSE(validateTokenName("My updated API token").has_value());
  EXPECT_EQ(validateTokenName("")->code, "required");
  EXPECT_EQ(validateTokenName("   ")->code, "required");
  EXPECT_EQ(validateTokenName(std::string(257, 'a'))->code, "too_long");
  EXPECT_FALSE(validateTokenName(std::string(256, 'a')).has_value());
  EXPECT_EQ(validateTokenName("a\nb")->code, "invalid");
  EXPECT_EQ(validateTokenName("", "newName")->field, "newName");
}

TEST(Validation, Description) {
  EXPECT_FALSE(validateTokenDescription("").has_value());
  EXPECT_FALSE(validateTokenDescription("line one\nline two").has_value());
  EXPECT_EQ(validateTokenDescription(std::string(1025, 'd'))->code, "too_long");
  EXPECT_EQ(validateTokenDescription(std::string("a\x01", 2))->code, "invalid");
}

TEST(Validation, ExpiryRange) {
  EXPECT_FALSE(validateExpiryDays(1).has_value());
  EXPECT_FALSE(validateExpiryDays(3650).has_value());
  EXPECT_TRUE(validateExpiryDays(0).has_value());
  EXPECT_TRUE(validateExpiryDays(-1).has_value());
  EXPECT_TRUE(validateExpiryDays(3651).has_value());
}

TEST(Ids, ShapeAndGeneration) {
  int n = 0;
  RandomBytes bytes = [&n](std::span<std::uint8_t> out) {
    for (auto& b : out) b = static_cast<std::uint8_t>(n++ * 37);
  };
  auto id = generateId(bytes);
  EXPECT_TRUE(isCuid(id)) << id;
  EXPECT_TRUE(isCuid("clh1rai0g000008l50d5hahbc"));
  EXPECT_FALSE(isCuid("Clh1rai0g000008l50d5hahbc"));
  EXPECT_FALSE(isCuid("clh1rai0g000008l50d5hahb"));
  EXPECT_FALSE(isCuid("my-organization"));
}

TEST(Errors, HttpStatusMapping) {
  EXPECT_EQ(httpStatus(ErrorCode::InvalidInput), 400);
  EXPECT_EQ(httpStatus(ErrorCode::Unauthenticated), 401);
  EXPECT_EQ(httpStatus(ErrorCode::Forbidden), 403);
  EXPECT_EQ(httpStatus(ErrorCode::NotFound), 404);
  EXPECT_EQ(httpStatus(ErrorCode::Conflict), 409);
  EXPECT_EQ(httpStatus(ErrorCode::PayloadTooLarge), 413);
  EXPECT_EQ(httpStatus(ErrorCode::UnsupportedMediaType), 415);
  for (int s : {400, 401, 403, 404, 409, 413, 415, 429, 500, 503})
    EXPECT_EQ(httpStatus(errorCodeFromHttpStatus(s)), s);
  EXPECT_EQ(errorCodeFromHttpStatus(418), ErrorCode::InvalidInput);
  EXPECT_EQ(errorCodeFromHttpStatus(502), ErrorCode::Internal);
}

}  // namespace
}  // namespace astro::core
