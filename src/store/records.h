// Rows as the store keeps them: the core resources plus what only the server may see
// (token hashes, memberships, audit records). No token value ever appears here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit_record.h"
#include "core/organizations/organization.h"
#include "core/roles/roles.h"
#include "core/teams/team.h"
#include "core/time_format.h"
#include "core/tokens/api_token.h"
#include "core/users/user.h"
#include "core/workspaces/workspace.h"

namespace astro::store {

struct UserRecord {
  std::string id;
  std::string email;  // lower-case; the API's `username`
  std::string fullName;
  std::string avatarUrl;
  std::string status = "ACTIVE";
  core::Timestamp createdAt{};
  core::Timestamp updatedAt{};
  bool operator==(const UserRecord&) const = default;
};

struct MembershipRecord {
  std::string organizationId;
  std::string userId;
  core::OrgRole role = core::OrgRole::Member;
  core::Timestamp createdAt{};
  core::Timestamp updatedAt{};
  std::string status = "ACTIVE";  // ACTIVE | PENDING (invited, not yet accepted)
  bool operator==(const MembershipRecord&) const = default;
};

// A user as a member of one organization (the user list's row).
struct MemberRecord {
  UserRecord user;
  MembershipRecord membership;
};

struct InviteRecord {
  std::string id;
  std::string organizationId;
  std::string email;  // lower-case
  core::OrgRole role = core::OrgRole::Member;
  std::string userId;  // the invitee's user record (PENDING until accepted)
  std::optional<core::BasicSubjectProfile> inviter;
  core::Timestamp createdAt{};
  core::Timestamp expiresAt{};
  bool operator==(const InviteRecord&) const = default;
};

// A workspace role held by a user or a team (a token's are in its role set).
inline constexpr std::string_view kGrantUser = "USER";
inline constexpr std::string_view kGrantTeam = "TEAM";

// Filters of the workspace list. visibleTo*: only workspaces the user holds a role on (directly
// or through a team), or the token holds a WORKSPACE role on.
struct WorkspaceFilter {
  std::vector<std::string> ids;
  std::vector<std::string> names;
  std::optional<std::string> visibleToUserId;
  std::optional<std::string> visibleToTokenId;
};

struct TokenRecord {
  std::string organizationId;
  core::ApiToken token;   // `token.token` (the value) is always empty here
  std::string valueHash;  // lower-case hex SHA-256 of the current value
};

// One token's use for Tokens::setLastUsed: move its lastUsedAt to `at`.
struct LastUse {
  std::string organizationId;
  std::string tokenId;
  core::Timestamp at{};
};

// A value that no longer authenticates, kept so a 401 can say why (rotated or deleted).
struct RetiredTokenHash {
  std::string valueHash;
  std::string tokenId;
  std::string organizationId;
  std::string reason;  // "rotated" | "deleted"
  core::Timestamp retiredAt{};
};

// Audit records are core types (the CLI verifies exported records with the same definition).
using AuditChange = core::AuditChange;
using AuditRecord = core::AuditRecord;

// The end of an organization's audit chain: its last record's position and hash.
struct AuditChainHead {
  std::int64_t chainSeq = 0;
  std::string hash;
};

}  // namespace astro::store
