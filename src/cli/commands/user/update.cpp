// astro organization user update [email]
#include <ostream>

#include "cli/command.h"
#include "cli/commands/token/token_support.h"
#include "cli/commands/user/user_commands.h"
#include "cli/prompt.h"
#include "client/terminal_text.h"
#include "core/roles/roles.h"

namespace astro::cli {

namespace {
core::Result<void> userUpdate(const UserUpdateOptions& o, Environment& env) {
  std::string role = o.role;
  if (role.empty())
    role = promptText(env,
                      "enter a user Organization role(ORGANIZATION_MEMBER, "
                      "ORGANIZATION_BILLING_ADMIN, ORGANIZATION_OWNER) to update user: ");
  if (role.empty()) return core::Error::invalid(std::string(core::kInvalidOrgRoleMessage));
  if (auto v = validateRoleFlag(role); !v) return v;
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto users = s->api().listAllUsers(s->organization);
  if (!users) return std::move(users).error();
  core::User user;
  if (!o.email.empty()) {
    bool found = false;
    for (const auto& u : *users)  // the last match wins, as in the Go CLI
      if (u.username == o.email) {
        user = u;
        found = true;
      }
    if (!found) return core::Error::notFound(kUserNotFound);
  } else {
    auto chosen = selectUser(env, *users,
                             "Pass the user's e-mail address to choose without a prompt: astro "
                             "organization user update <EMAIL> --role <ROLE>");
    if (!chosen) return std::move(chosen).error();
    user = std::move(*chosen);
  }
  core::UpdateUserRolesRequest req;
  req.organizationRole = role;
  auto applied = s->api().updateUserRoles(s->organization, user.id, req);
  if (!applied) return std::move(applied).error();
  env.out << "The user " << client::terminalText(user.username)
          << " role was successfully updated to " << role << "\n";
  return {};
}
}  // namespace

int runUserUpdate(const UserUpdateOptions& o, Environment& env) {
  return finish(env, userUpdate(o, env));
}

}  // namespace astro::cli
