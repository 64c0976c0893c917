// SqliteTransaction: the Transaction of SqliteStore, bound to one connection of one thread.
// BEGIN IMMEDIATE for writes (one writer at a time), BEGIN (deferred) for reads; rolls back
// on destruction unless committed.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"
#include "store/store_stats.h"

namespace astro::store::sqlite {

class SqliteTransaction : public Transaction {
 public:
  // A write transaction (BEGIN IMMEDIATE) when `generation` is given: it is raised after COMMIT
  // and again when the transaction ends, whatever the outcome (see Store::generation).
  // `writerTurn`, when held, is released once the transaction has ended. `stats` (may be null)
  // counts the transaction, from `began` to its end, when it is destroyed.
  SqliteTransaction(Connection& conn, std::atomic<std::uint64_t>* generation, StoreStats* stats,
                    std::chrono::steady_clock::time_point began,
                    std::unique_lock<std::timed_mutex> writerTurn = {});
  ~SqliteTransaction() override;

  void commit() override;

  void insertOrganization(const core::Organization& org) override;
  void updateOrganization(const core::Organization& org) override;
  std::optional<core::Organization> findOrganization(std::string_view id) override;
  std::vector<core::Organization> listOrganizations() override;

  void insertUser(const UserRecord& user) override;
  std::optional<UserRecord> findUser(std::string_view id) override;
  std::optional<UserRecord> findUserByEmail(std::string_view email) override;
  void upsertMembership(const MembershipRecord& m) override;
  std::optional<MembershipRecord> findMembership(std::string_view orgId,
                                                 std::string_view userId) override;
  std::vector<MembershipRecord> listMembershipsOfUser(std::string_view userId) override;
  void updateUser(const UserRecord& user) override;
  core::Page<MemberRecord> listMembers(std::string_view orgId,
                                       const core::ListQuery& query) override;
  std::optional<MemberRecord> findMember(std::string_view orgId, std::string_view userId) override;
  std::int64_t countActiveOwners(std::string_view orgId) override;
  bool removeMember(std::string_view orgId, std::string_view userId) override;

  void insertInvite(const InviteRecord& invite) override;
  std::optional<InviteRecord> findInvite(std::string_view orgId,
                                         std::string_view inviteId) override;
  std::vector<InviteRecord> listInvitesOfUser(std::string_view orgId,
                                              std::string_view userId) override;
  bool deleteInvite(std::string_view orgId, std::string_view inviteId) override;

  void insertWorkspace(const core::Workspace& w) override;
  void updateWorkspace(const core::Workspace& w) override;
  bool deleteWorkspace(std::string_view orgId, std::string_view workspaceId) override;
  std::optional<core::Workspace> findWorkspace(std::string_view orgId,
                                               std::string_view workspaceId) override;
  core::Page<core::Workspace> listWorkspaces(std::string_view orgId, const WorkspaceFilter& filter,
                                             const core::ListQuery& query) override;

  std::vector<core::WorkspaceRoleEntry> listWorkspaceRoles(std::string_view orgId,
                                                           std::string_view subjectType,
                                                           std::string_view subjectId) override;
  void replaceWorkspaceRoles(std::string_view orgId, std::string_view subjectType,
                             std::string_view subjectId,
                             const std::vector<core::WorkspaceRoleEntry>& roles) override;
  std::vector<std::string> workspaceRolesOfUser(std::string_view workspaceId,
                                                std::string_view userId) override;

  void insertTeam(const core::Team& team) override;
  void updateTeam(const core::Team& team) override;
  bool deleteTeam(std::string_view orgId, std::string_view teamId) override;
  std::optional<core::Team> findTeam(std::string_view orgId, std::string_view teamId) override;
  std::optional<core::Team> findTeamByName(std::string_view orgId, std::string_view name) override;
  core::Page<core::Team> listTeams(std::string_view orgId, const core::TeamListFilter& filter,
                                   const core::ListQuery& query) override;
  std::vector<core::Team> listTeamsOfUser(std::string_view orgId, std::string_view userId) override;
  bool addTeamMember(std::string_view teamId, std::string_view userId, core::Timestamp at) override;
  bool removeTeamMember(std::string_view teamId, std::string_view userId) override;
  bool isTeamMember(std::string_view teamId, std::string_view userId) override;
  core::Page<core::TeamMember> listTeamMembers(std::string_view teamId,
                                               const core::ListQuery& query) override;

  void insertToken(const TokenRecord& t) override;
  void updateToken(const TokenRecord& t) override;
  bool deleteToken(std::string_view orgId, std::string_view tokenId) override;
  std::optional<TokenRecord> findToken(std::string_view orgId, std::string_view tokenId) override;
  std::optional<TokenRecord> findTokenByHash(std::string_view valueHash) override;
  core::Page<TokenRecord> listTokens(std::string_view orgId, const core::TokenListFilter& filter,
                                     const core::ListQuery& query) override;
  void setTokenLastUsed(std::string_view tokenId, core::Timestamp at) override;
  void insertRetiredHash(const RetiredTokenHash& r) override;
  std::optional<RetiredTokenHash> findRetiredHash(std::string_view valueHash) override;

  void insertAudit(const AuditRecord& r) override;
  std::vector<AuditRecord> listAuditChain(std::string_view orgId, std::int64_t afterSeq,
                                          std::size_t limit) override;
  std::optional<AuditChainHead> findAuditChainHead(std::string_view orgId) override;
  std::vector<std::string> listAuditOrganizations() override;
  // Chains the records written before the chain existed (schema 4), in the order they were
  // written; a no-op once every record is chained. Runs when the store opens.
  void chainUnchainedAuditRecords();
  std::vector<AuditRecord> listAudit(std::string_view orgId, core::Timestamp from,
                                     core::Timestamp to) override;

 private:
  // Sets r's chain fields to follow its organization's chain head, and moves the head to r.
  void appendToChain(AuditRecord& r);
  void insertRoles(const TokenRecord& t);
  std::vector<core::ApiTokenRole> readRoles(std::string_view tokenId);

  StoreStats::Timer timer_;  // first: destroyed last, after the rollback and the writer turn
  Connection& conn_;
  bool open_ = false;
  std::atomic<std::uint64_t>* generation_;  // null for a read transaction
  std::unique_lock<std::timed_mutex> writerTurn_;
};

}  // namespace astro::store::sqlite
