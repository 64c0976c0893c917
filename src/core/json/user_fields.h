// The members User and SelfUser share (the API's order), written and read in one place for both
// shapes. Internal to src/core/json.
#pragma once

#include <boost/json/object.hpp>

#include "core/json/response_reader.h"
#include "core/time_format.h"

namespace astro::core {

template <typename U>
void putUserFields(boost::json::object& o, const U& u) {
  o["id"] = u.id;
  o["username"] = u.username;
  o["fullName"] = u.fullName;
  o["avatarUrl"] = u.avatarUrl;
  o["status"] = u.status;
  o["createdAt"] = formatRfc3339(u.createdAt);
  o["updatedAt"] = formatRfc3339(u.updatedAt);
}

template <typename U>
void readUserFields(ResponseReader& r, U& u) {
  u.id = r.str("id");
  u.username = r.str("username");
  u.fullName = r.str("fullName");
  u.avatarUrl = r.str("avatarUrl");
  u.status = r.str("status");
  u.createdAt = r.time("createdAt");
  u.updatedAt = r.time("updatedAt");
}

}  // namespace astro::core
