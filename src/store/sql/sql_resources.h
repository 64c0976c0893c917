// The implementations of the per-resource interfaces (store/resources/), one class per resource,
// each in its own sql_<resource>.cpp, shared by both backends: each works on the Session
// (store/sql/sql_session.h) of the SQLite or PostgreSQL transaction that owns it, inside that
// transaction, and asks the session's Dialect where the two differ.
#pragma once

#include "store/sql/sql_changes.h"
#include "store/sql/sql_session.h"
#include "store/store.h"

namespace astro::store::sql {

class SqlOrganizations final : public Organizations {
 public:
  explicit SqlOrganizations(Session& conn) : conn_(conn) {}
  void insert(const core::Organization& org) override;
  void update(const core::Organization& org) override;
  std::optional<core::Organization> find(std::string_view id) override;
  std::vector<core::Organization> list() override;

 private:
  Session& conn_;
};

class SqlUsers final : public Users {
 public:
  explicit SqlUsers(Session& conn) : conn_(conn) {}
  void insert(const UserRecord& user) override;
  std::optional<UserRecord> find(std::string_view id) override;
  std::optional<UserRecord> findByEmail(std::string_view email) override;
  void upsertMembership(const MembershipRecord& m) override;
  std::optional<MembershipRecord> findMembership(std::string_view orgId,
                                                 std::string_view userId) override;
  std::vector<MembershipRecord> listMembershipsOfUser(std::string_view userId) override;
  void update(const UserRecord& user) override;
  core::Page<MemberRecord> listMembers(std::string_view orgId,
                                       const core::ListQuery& query) override;
  std::optional<MemberRecord> findMember(std::string_view orgId, std::string_view userId) override;
  std::int64_t countActiveOwners(std::string_view orgId) override;
  bool removeMember(std::string_view orgId, std::string_view userId) override;

 private:
  Session& conn_;
};

class SqlInvites final : public Invites {
 public:
  explicit SqlInvites(Session& conn) : conn_(conn) {}
  void insert(const InviteRecord& invite) override;
  std::optional<InviteRecord> find(std::string_view orgId, std::string_view inviteId) override;
  std::vector<InviteRecord> listOfUser(std::string_view orgId, std::string_view userId) override;
  bool remove(std::string_view orgId, std::string_view inviteId) override;

 private:
  Session& conn_;
};

class SqlWorkspaces final : public Workspaces {
 public:
  SqlWorkspaces(Session& conn, ChangeSet& changes) : conn_(conn), changes_(changes) {}
  void insert(const core::Workspace& w) override;
  void update(const core::Workspace& w) override;
  bool remove(std::string_view orgId, std::string_view workspaceId) override;
  std::optional<core::Workspace> find(std::string_view orgId,
                                      std::string_view workspaceId) override;
  core::Page<core::Workspace> list(std::string_view orgId, const WorkspaceFilter& filter,
                                   const core::ListQuery& query) override;
  std::vector<core::WorkspaceRoleEntry> listRoles(std::string_view orgId,
                                                  std::string_view subjectType,
                                                  std::string_view subjectId) override;
  void replaceRoles(std::string_view orgId, std::string_view subjectType,
                    std::string_view subjectId,
                    const std::vector<core::WorkspaceRoleEntry>& roles) override;
  std::vector<std::string> rolesOfUser(std::string_view workspaceId,
                                       std::string_view userId) override;

 private:
  Session& conn_;
  ChangeSet& changes_;
};

class SqlTeams final : public Teams {
 public:
  explicit SqlTeams(Session& conn) : conn_(conn) {}
  void insert(const core::Team& team) override;
  void update(const core::Team& team) override;
  bool remove(std::string_view orgId, std::string_view teamId) override;
  std::optional<core::Team> find(std::string_view orgId, std::string_view teamId) override;
  std::optional<core::Team> findByName(std::string_view orgId, std::string_view name) override;
  core::Page<core::Team> list(std::string_view orgId, const core::TeamListFilter& filter,
                              const core::ListQuery& query) override;
  std::vector<core::Team> listOfUser(std::string_view orgId, std::string_view userId) override;
  bool addMember(std::string_view teamId, std::string_view userId, core::Timestamp at) override;
  bool removeMember(std::string_view teamId, std::string_view userId) override;
  bool isMember(std::string_view teamId, std::string_view userId) override;
  core::Page<core::TeamMember> listMembers(std::string_view teamId,
                                           const core::ListQuery& query) override;

 private:
  Session& conn_;
};

// Records in `changes` the keys (store/change_keys.h) of every token it changes.
class SqlTokens final : public Tokens {
 public:
  SqlTokens(Session& conn, ChangeSet& changes) : conn_(conn), changes_(changes) {}
  void insert(const TokenRecord& t) override;
  void update(const TokenRecord& t) override;
  bool remove(std::string_view orgId, std::string_view tokenId) override;
  std::optional<TokenRecord> find(std::string_view orgId, std::string_view tokenId) override;
  std::optional<TokenRecord> findByHash(std::string_view valueHash) override;
  core::Page<TokenRecord> list(std::string_view orgId, const core::TokenListFilter& filter,
                               const core::ListQuery& query) override;
  using Tokens::setLastUsed;
  void setLastUsed(std::span<const LastUse> uses) override;
  void insertRetiredHash(const RetiredTokenHash& r) override;
  std::optional<RetiredTokenHash> findRetiredHash(std::string_view valueHash) override;

 private:
  void insertRoles(const TokenRecord& t);
  // Moves the organization's token counters (all, and ORGANIZATION-scoped) by `delta`.
  void countTokens(std::string_view orgId, std::string_view scope, int delta);
  std::vector<core::ApiTokenRole> readRoles(std::string_view tokenId);
  // The keys a change of the token makes stale: its value hash, the token, its organization's
  // pages (hash empty: not the authentication's, e.g. lastUsedAt).
  void changed(std::string_view orgId, std::string_view tokenId, std::string_view valueHash);
  Session& conn_;
  ChangeSet& changes_;
};

class SqlAuditRecords final : public AuditRecords {
 public:
  explicit SqlAuditRecords(Session& conn) : conn_(conn) {}
  void insert(const AuditRecord& r) override;
  std::vector<AuditRecord> list(std::string_view orgId, core::Timestamp from,
                                core::Timestamp to) override;
  std::vector<AuditRecord> listChain(std::string_view orgId, std::int64_t afterSeq,
                                     std::size_t limit) override;
  std::optional<AuditChainHead> findChainHead(std::string_view orgId) override;
  std::vector<std::string> listOrganizations() override;

  // Gives every record written before the chain existed (schema 4) its place in its
  // organization's chain, oldest first, as if each had just been written; a no-op once every
  // record is chained. Runs when the store opens.
  void chainUnchainedAuditRecords();

 private:
  // Sets r's chain fields to follow its organization's chain head, and moves the head to r.
  void appendToChain(AuditRecord& r);
  Session& conn_;
};

}  // namespace astro::store::sql
