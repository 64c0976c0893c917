// Invites of people to an organization.
// One of the per-resource interfaces a store::Transaction hands out (store/store.h); every
// backend implements it and passes the conformance suite.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pagination.h"
#include "store/records.h"

namespace astro::store {

class Invites {
 public:
  virtual ~Invites() = default;

  virtual void insert(const InviteRecord& invite) = 0;
  virtual std::optional<InviteRecord> find(std::string_view orgId, std::string_view inviteId) = 0;
  virtual std::vector<InviteRecord> listOfUser(std::string_view orgId, std::string_view userId) = 0;
  virtual bool remove(std::string_view orgId, std::string_view inviteId) = 0;
};

}  // namespace astro::store
