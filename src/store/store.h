// Store: the persistence interface. One Transaction type carries every read and write; the
// SQLite (and later PostgreSQL) implementations live behind it and pass one conformance suite.
//
// Thread-safety: a Store is shared by all threads; a Transaction belongs to one thread.
// Failures (I/O, constraint violations, busy timeouts) throw StoreError; the service layer
// catches it at its boundary and answers 500 (409 for Conflict, 503 for Unavailable). A Store
// also tells a FailureObserver (the server's log) of each failure, since the service layer
// answers them without saying why.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/pagination.h"
#include "store/records.h"

namespace astro::store {

class StoreError : public std::runtime_error {
 public:
  enum class Kind {
    Io,           // the database failed (I/O error, corruption, ...)
    Conflict,     // a constraint refused the write
    Busy,         // no write turn within the busy timeout
    Unavailable,  // the database cannot accept writes now (removed, replaced, full, read-only)
    NotFound,     // opening: the database file does not exist (and was not to be created)
    Locked,       // opening: another process holds the database's single-writer lock
  };
  StoreError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// One failure as the operator's log should show it: never a bound value or a secret.
struct StoreFailure {
  StoreError::Kind kind = StoreError::Kind::Io;
  std::string cause;    // a stable name to group by, e.g. "SQLITE_FULL", "database_removed"
  std::string message;  // what failed and why, e.g. "sqlite: executing a statement: database or
                        // disk is full"
};

// Told of every failure but Conflict (expected in normal operation: the service answers 409).
// Called on the failing thread, possibly from many threads at once; must not throw.
class FailureObserver {
 public:
  virtual ~FailureObserver() = default;
  virtual void storeFailed(const StoreFailure& failure) noexcept = 0;
};

class Transaction {
 public:
  virtual ~Transaction() = default;
  // Makes every write of this transaction durable. Without commit, destruction rolls back.
  virtual void commit() = 0;

  // Organizations
  virtual void insertOrganization(const core::Organization& org) = 0;
  virtual void updateOrganization(const core::Organization& org) = 0;
  virtual std::optional<core::Organization> findOrganization(std::string_view id) = 0;
  virtual std::vector<core::Organization> listOrganizations() = 0;  // ordered by createdAt, id

  // Users and organization membership
  virtual void insertUser(const UserRecord& user) = 0;
  virtual std::optional<UserRecord> findUser(std::string_view id) = 0;
  virtual std::optional<UserRecord> findUserByEmail(std::string_view email) = 0;
  virtual void upsertMembership(const MembershipRecord& m) = 0;
  virtual std::optional<MembershipRecord> findMembership(std::string_view orgId,
                                                         std::string_view userId) = 0;
  virtual std::vector<MembershipRecord> listMembershipsOfUser(std::string_view userId) = 0;
  // Replaces fullName, avatarUrl, status and updatedAt of an existing user.
  virtual void updateUser(const UserRecord& user) = 0;
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

  // Invites
  virtual void insertInvite(const InviteRecord& invite) = 0;
  virtual std::optional<InviteRecord> findInvite(std::string_view orgId,
                                                 std::string_view inviteId) = 0;
  virtual std::vector<InviteRecord> listInvitesOfUser(std::string_view orgId,
                                                      std::string_view userId) = 0;
  virtual bool deleteInvite(std::string_view orgId, std::string_view inviteId) = 0;

  // Workspaces
  virtual void insertWorkspace(const core::Workspace& w) = 0;
  // Replaces name, description, cicdEnforcedDefault, updatedAt and updatedBy.
  virtual void updateWorkspace(const core::Workspace& w) = 0;
  // Deletes the workspace and every role grant on it: users', teams' and tokens' (the tokens'
  // WORKSPACE role entries). False when no such workspace exists in that organization.
  virtual bool deleteWorkspace(std::string_view orgId, std::string_view workspaceId) = 0;
  virtual std::optional<core::Workspace> findWorkspace(std::string_view orgId,
                                                       std::string_view workspaceId) = 0;
  // Sorting on createdAt, name, updatedAt; ties by id; default createdAt asc, id asc.
  virtual core::Page<core::Workspace> listWorkspaces(std::string_view orgId,
                                                     const WorkspaceFilter& filter,
                                                     const core::ListQuery& query) = 0;

  // Workspace roles of users and teams (subjectType kGrantUser or kGrantTeam). Entries ordered by
  // workspace ID.
  virtual std::vector<core::WorkspaceRoleEntry> listWorkspaceRoles(std::string_view orgId,
                                                                   std::string_view subjectType,
                                                                   std::string_view subjectId) = 0;
  // Replaces the subject's full set of workspace roles in the organization.
  virtual void replaceWorkspaceRoles(std::string_view orgId, std::string_view subjectType,
                                     std::string_view subjectId,
                                     const std::vector<core::WorkspaceRoleEntry>& roles) = 0;
  // The roles a user holds on one workspace: the direct grant and those of the user's teams.
  virtual std::vector<std::string> workspaceRolesOfUser(std::string_view workspaceId,
                                                        std::string_view userId) = 0;

  // Teams (workspaceRoles are not filled in here: see listWorkspaceRoles)
  // A second team whose name equals another's of the organization case-insensitively: Conflict.
  virtual void insertTeam(const core::Team& team) = 0;
  // Replaces name, description, organizationRole, updatedAt and updatedBy.
  virtual void updateTeam(const core::Team& team) = 0;
  // Deletes the team, its memberships and its workspace roles.
  virtual bool deleteTeam(std::string_view orgId, std::string_view teamId) = 0;
  virtual std::optional<core::Team> findTeam(std::string_view orgId, std::string_view teamId) = 0;
  // Case-insensitive (ASCII) name match.
  virtual std::optional<core::Team> findTeamByName(std::string_view orgId,
                                                   std::string_view name) = 0;
  // Sorting on createdAt, description, name, updatedAt; ties by id; default createdAt asc.
  // filter.names: any of these names, case-insensitively.
  virtual core::Page<core::Team> listTeams(std::string_view orgId,
                                           const core::TeamListFilter& filter,
                                           const core::ListQuery& query) = 0;
  // The teams of the organization the user belongs to, ordered by id.
  virtual std::vector<core::Team> listTeamsOfUser(std::string_view orgId,
                                                  std::string_view userId) = 0;
  // Adds the user to the team (no-op when already a member). Returns true when added.
  virtual bool addTeamMember(std::string_view teamId, std::string_view userId,
                             core::Timestamp at) = 0;
  virtual bool removeTeamMember(std::string_view teamId, std::string_view userId) = 0;
  virtual bool isTeamMember(std::string_view teamId, std::string_view userId) = 0;
  // Sorting on createdAt (joined the team), fullName, userId, username; ties by userId.
  virtual core::Page<core::TeamMember> listTeamMembers(std::string_view teamId,
                                                       const core::ListQuery& query) = 0;

  // Organization API tokens (roles are stored and returned with the token)
  virtual void insertToken(const TokenRecord& t) = 0;
  // Replaces every mutable field, the role set and the value hash of an existing token.
  virtual void updateToken(const TokenRecord& t) = 0;
  // Returns false when no such token exists in that organization.
  virtual bool deleteToken(std::string_view orgId, std::string_view tokenId) = 0;
  virtual std::optional<TokenRecord> findToken(std::string_view orgId,
                                               std::string_view tokenId) = 0;
  virtual std::optional<TokenRecord> findTokenByHash(std::string_view valueHash) = 0;
  // Sorting on any of createdAt, description, name, tokenStartAt, updatedAt (asc/desc),
  // ties broken by insertion order; default order createdAt asc. totalCount counts the filter's
  // matches.
  virtual core::Page<TokenRecord> listTokens(std::string_view orgId,
                                             const core::TokenListFilter& filter,
                                             const core::ListQuery& query) = 0;
  virtual void setTokenLastUsed(std::string_view tokenId, core::Timestamp at) = 0;
  virtual void insertRetiredHash(const RetiredTokenHash& r) = 0;
  virtual std::optional<RetiredTokenHash> findRetiredHash(std::string_view valueHash) = 0;

  // Audit log. insertAudit places the record at the end of its organization's hash chain (the
  // chain fields of `r` are ignored and computed here, in this transaction, so concurrent
  // writers cannot fork the chain) and moves the chain head.
  virtual void insertAudit(const AuditRecord& r) = 0;
  // Records with from <= time < to, in chain order (the order they were written), chain fields
  // filled in.
  virtual std::vector<AuditRecord> listAudit(std::string_view orgId, core::Timestamp from,
                                             core::Timestamp to) = 0;
  // Up to `limit` records of the organization's chain after position `afterSeq`, in chain order
  // (the verifier pages through a whole log with it).
  virtual std::vector<AuditRecord> listAuditChain(std::string_view orgId, std::int64_t afterSeq,
                                                  std::size_t limit) = 0;
  virtual std::optional<AuditChainHead> findAuditChainHead(std::string_view orgId) = 0;
  // Every organization that has an audit record or a chain head (deleted ones included).
  virtual std::vector<std::string> listAuditOrganizations() = 0;
};

class StoreStats;  // store/store_stats.h

class Store {
 public:
  enum class Mode { Read, Write };
  virtual ~Store() = default;
  // Write transactions are serialized (BEGIN IMMEDIATE in SQLite); reads run concurrently.
  virtual std::unique_ptr<Transaction> begin(Mode mode) = 0;
  // True when the database answers a trivial query.
  virtual bool ping() = 0;
  // The /readyz check: empty when the store can serve reads and writes, else why not (for the
  // operator's log: it may name the database path). By default, ping().
  virtual std::optional<std::string> unreadyReason() {
    if (ping()) return std::nullopt;
    return std::string("the database does not answer");
  }
  // A number that changes whenever a write transaction of this Store ends (committed or rolled
  // back), before the thread that wrote learns the outcome. Read it before reading the data:
  // what was read while the generation was G is current for as long as it is still G. It covers
  // this process's writes only; the caches that use it rely on the server being the database's
  // only writer (`astro-server serve` holds a lock on the database for that).
  virtual std::uint64_t generation() const = 0;
  // What /metrics shows of this store (transaction latency, failures); null when the backend
  // counts nothing (test doubles).
  virtual const StoreStats* stats() const { return nullptr; }
};

}  // namespace astro::store
