#include <ostream>

#include "cli/commands/user/user_commands.h"
#include "cli/prompt.h"

namespace astro::cli {

core::Result<core::User> selectUser(Environment& env, const std::vector<core::User>& users,
                                    const std::string& how) {
  Selection sel;
  sel.title = "\nPlease select the user:";
  sel.table.headers = {"FULLNAME", "EMAIL", "ID", "ORGANIZATION ROLE", "CREATE DATE"};
  for (const auto& u : users)
    sel.table.addRow({u.fullName, u.username, u.id, u.organizationRole.value_or(""),
                      core::formatRfc3339(u.createdAt)});
  sel.invalidMessage = "invalid User selected";
  sel.noInput = [&users, &how] {
    std::vector<std::pair<std::string, std::string>> c;
    for (const auto& u : users) c.emplace_back(u.username, u.id);
    return noAnswerError("a user", c, how);
  };
  auto i = selectRow(env, sel);
  if (!i) return std::move(i).error();
  return users[*i];
}

}  // namespace astro::cli
