// Users and their organization memberships (members: a membership joined with its user).
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

class Users {
 public:
  virtual ~Users() = default;

  virtual void insert(const UserRecord& user) = 0;
  virtual std::optional<UserRecord> find(std::string_view id) = 0;
  virtual std::optional<UserRecord> findByEmail(std::string_view email) = 0;
  virtual void upsertMembership(const MembershipRecord& m) = 0;
  virtual std::optional<MembershipRecord> findMembership(std::string_view orgId,
                                                         std::string_view userId) = 0;
  virtual std::vector<MembershipRecord> listMembershipsOfUser(std::string_view userId) = 0;
  // Replaces fullName, avatarUrl, status and updatedAt of an existing user.
  virtual void update(const UserRecord& user) = 0;
  // The organization's members (PENDING included) joined with their user records. Sorting on any
  // of createdAt, fullName, id, updatedAt, username (the user's fields; username is the e-mail),
  // ties broken by id; default createdAt asc, id asc.
  virtual core::Page<MemberRecord> listMembers(std::string_view orgId,
                                               const core::ListQuery& query) = 0;
  virtual std::optional<MemberRecord> findMember(std::string_view orgId,
                                                 std::string_view userId) = 0;
  // ACTIVE memberships holding ORGANIZATION_OWNER directly whose user is ACTIVE.
  virtual std::int64_t countActiveOwners(std::string_view orgId) = 0;
  // Removes the user from the organization: the membership, the user's team memberships and
  // workspace roles in it, and the user's invites to it. False when there was no membership.
  virtual bool removeMember(std::string_view orgId, std::string_view userId) = 0;
};

}  // namespace astro::store
