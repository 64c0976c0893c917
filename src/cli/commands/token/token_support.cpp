#include "cli/commands/token/token_support.h"

#include <ostream>

#include "cli/prompt.h"
#include "cli/table.h"
#include "client/terminal_text.h"
#include "core/roles/roles.h"
#include "core/tokens/token_validation.h"

namespace astro::cli {

core::Result<void> validateRoleFlag(const std::string& role) {
  if (!role.empty() && !core::parseOrgRole(role))
    return core::Error::invalid(std::string(core::kInvalidOrgRoleMessage));
  return {};
}

core::Result<void> validateExpirationFlag(const std::optional<int>& days) {
  if (days && core::validateExpiryDays(*days))
    return core::Error::invalid(std::string(core::kInvalidExpirationMessage));
  return {};
}

core::Result<void> validateNameFlag(const std::string& name) {
  if (name.empty()) return {};
  if (auto fe = core::validateTokenName(name))
    return core::Error::invalid("invalid token name: " + fe->message);
  return {};
}

core::Result<void> validateDescriptionFlag(const std::string& description) {
  if (auto fe = core::validateTokenDescription(description))
    return core::Error::invalid("invalid token description: " + fe->message);
  return {};
}

core::Result<std::string> selectOrganizationRole(Environment& env, const std::string& title) {
  Selection sel;
  sel.title = title;
  sel.table.headers = {"ROLE"};
  for (auto r : core::allOrgRoles()) sel.table.addRow({std::string(core::toString(r))});
  sel.invalidMessage = "invalid organization role selection";
  sel.noInput = [] {
    return core::Error::invalid(
        "an organization role must be chosen but there is no answer to read (stdin is closed or "
        "not a terminal). Pass --role ORGANIZATION_MEMBER, ORGANIZATION_BILLING_ADMIN or "
        "ORGANIZATION_OWNER");
  };
  auto i = selectRow(env, sel);
  if (!i) return std::move(i).error();
  return std::string(core::toString(core::allOrgRoles()[*i]));
}

std::string bold(const Environment& env, const std::string& s) {
  return env.colour() ? std::string(kBold) + s + kReset : s;
}

std::string createdByOf(const core::ApiToken& t) {
  if (!t.createdBy) return "";
  if (t.createdBy->fullName && !t.createdBy->fullName->empty()) return *t.createdBy->fullName;
  if (t.createdBy->apiTokenName) return *t.createdBy->apiTokenName;
  return "";
}

void printIssuedToken(Environment& env, const std::string& name, const std::string& verb,
                      const core::ApiToken& t) {
  env.out << "\nAstro Organization API token " << client::terminalText(name) << " was successfully "
          << verb << "\n";
  env.out << "Copy and paste this API token for your records.\n";
  if (t.token) env.out << "\n" << client::terminalText(*t.token) << "\n";
  env.out << "\nYou will not be shown this API token value again.\n";
}

}  // namespace astro::cli
