#include "core/tokens/api_token.h"

namespace astro::core {

std::string ApiToken::organizationRole() const {
  for (const auto& r : roles)
    if (r.entityType == "ORGANIZATION") return r.role;
  return "";
}

}  // namespace astro::core
