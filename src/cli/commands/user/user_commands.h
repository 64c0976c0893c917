// `astro organization user invite|list|update` (reference §3.3–§3.5 plus product.md's
// departures): one options struct and one run function per command; each returns the exit status.
#pragma once

#include <string>

#include "cli/environment.h"
#include "cli/factory.h"
#include "cli/output.h"
#include "core/users/user.h"

namespace astro::cli {

struct UserInviteOptions {
  std::string email;  // lower-cased positional argument; "" prompts
  std::string role = "ORGANIZATION_MEMBER";
};
struct UserListOptions {
  OutputFlags output;
};
struct UserUpdateOptions {
  std::string email;  // lower-cased positional argument; "" selects
  std::string role;   // "" prompts
};

int runUserInvite(const UserInviteOptions& o, Environment& env);
int runUserList(const UserListOptions& o, Environment& env);
int runUserUpdate(const UserUpdateOptions& o, Environment& env);

inline constexpr const char* kUserNotFound = "no user was found for the email you provided";

// The user selector (reference §3.5 step 6): "\nPlease select the user:" and a table #, FULLNAME,
// EMAIL, ID, ORGANIZATION ROLE, CREATE DATE; "invalid User selected". `how` completes departure
// 4's message (how to choose without a prompt).
core::Result<core::User> selectUser(Environment& env, const std::vector<core::User>& users,
                                    const std::string& how);

}  // namespace astro::cli
