// Assertions shared by the access-model API tests: the error shape, field errors, timestamps.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <string>
#include <string_view>

#include "core/time_format.h"
#include "http_test_client.h"

namespace astro::test {

// The API's error shape with `status` (and `message` when given).
inline void expectApiError(const HttpResult& r, int status, std::string_view message = {}) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  boost::json::value v;
  try {
    v = r.json();
  } catch (const std::exception&) {
    ADD_FAILURE() << "error body is not JSON: " << r.body;
    return;
  }
  auto& body = v.as_object();
  EXPECT_EQ(body.at("statusCode").as_int64(), status);
  EXPECT_TRUE(body.at("message").is_string());
  EXPECT_EQ(body.at("requestId").as_string(), r.header("X-Request-Id"));
  if (!message.empty()) {
    EXPECT_EQ(body.at("message").as_string(), message);
  }
}

// A 400 whose fieldErrors name `field`.
inline void expectFieldError(const HttpResult& r, std::string_view field) {
  expectApiError(r, 400);
  if (r.status != 400) return;
  auto body = r.json().as_object();
  ASSERT_TRUE(body.contains("fieldErrors")) << r.body;
  bool found = false;
  for (const auto& f : body.at("fieldErrors").as_array()) {
    const auto& o = f.as_object();
    EXPECT_TRUE(o.at("code").is_string());
    EXPECT_TRUE(o.at("message").is_string());
    found = found || o.at("field").as_string() == field;
  }
  EXPECT_TRUE(found) << "no field error for '" << field << "' in " << r.body;
}

inline void expectTimestamp(const boost::json::object& o, std::string_view key) {
  ASSERT_TRUE(o.contains(key)) << key;
  ASSERT_TRUE(o.at(key).is_string()) << key;
  auto s = std::string(o.at(key).as_string());
  EXPECT_TRUE(core::parseRfc3339(s).has_value()) << key << "=" << s;
  EXPECT_EQ(s.size(), 20u) << "YYYY-MM-DDTHH:MM:SSZ: " << s;
}

inline void expectStrings(const boost::json::object& o, std::initializer_list<const char*> keys) {
  for (auto key : keys) {
    ASSERT_TRUE(o.contains(key)) << key << " in " << boost::json::serialize(o);
    EXPECT_TRUE(o.at(key).is_string()) << key;
  }
}

inline void expectNoContent(const HttpResult& r) {
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(r.body.empty()) << r.body;
}

}  // namespace astro::test
