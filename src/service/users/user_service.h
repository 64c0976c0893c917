// Users: GET /users/self for a user subject (API tokens are not users: 403 with a clear message).
#pragma once

#include "core/result.h"
#include "core/users/user.h"
#include "service/caller.h"
#include "store/store.h"

namespace astro::service {

inline constexpr std::string_view kSelfNeedsUserMessage =
    "this endpoint describes a user; the request was made with an API token, which is not a user";

class UserService {
 public:
  explicit UserService(store::Store& store);
  core::Result<core::SelfUser> self(const Caller& caller);

 private:
  store::Store& store_;
};

}  // namespace astro::service
