// astro organization user invite [email]
#include <ostream>

#include "cli/command.h"
#include "cli/commands/token/token_support.h"
#include "cli/commands/user/user_commands.h"
#include "cli/prompt.h"
#include "client/terminal_text.h"
#include "core/json/access_json.h"

namespace astro::cli {

namespace {
core::Result<void> userInvite(const UserInviteOptions& o, Environment& env) {
  std::string email = o.email;
  if (email.empty()) email = promptText(env, "enter email address to invite a user: ");
  // The e-mail is checked first, then the role (reference §11.3), both before any request.
  if (email.empty())
    return core::Error::invalid(
        "no email provided for the invite. Retry with a valid email address");
  if (auto v = validateRoleFlag(o.role); !v) return v;
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto invite = s->api().createInvite(s->organization, {email, o.role});
  if (!invite) return std::move(invite).error();
  env.out << "invite for " << client::terminalText(email) << " with role " << o.role
          << " created\n";
  return {};
}
}  // namespace

int runUserInvite(const UserInviteOptions& o, Environment& env) {
  return finish(env, userInvite(o, env));
}

}  // namespace astro::cli
