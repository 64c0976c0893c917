// Store: the persistence interface. One Transaction type carries every read and write; the
// SQLite (and later PostgreSQL) implementations live behind it and pass one conformance suite.
//
// Thread-safety: a Store is shared by all threads; a Transaction belongs to one thread.
// Failures (I/O, constraint violations, busy timeouts) throw StoreError; the service layer
// catches it at its boundary and answers 500 (or 409 for StoreError::Kind::Conflict).
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
  enum class Kind { Io, Conflict, Busy };
  StoreError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
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

  // Organization API tokens (roles are stored and returned with the token)
  virtual void insertToken(const TokenRecord& t) = 0;
  // Replaces every mutable field, the role set and the value hash of an existing token.
  virtual void updateToken(const TokenRecord& t) = 0;
  // Returns false when no such token exists in that organization.
  virtual bool deleteToken(std::string_view orgId, std::string_view tokenId) = 0;
  virtual std::optional<TokenRecord> findToken(std::string_view orgId, std::string_view tokenId) = 0;
  virtual std::optional<TokenRecord> findTokenByHash(std::string_view valueHash) = 0;
  // Sorting on any of createdAt, description, name, tokenStartAt, updatedAt (asc/desc),
  // ties broken by id; default order createdAt asc, id asc. totalCount counts the filter's matches.
  virtual core::Page<TokenRecord> listTokens(std::string_view orgId,
                                             const core::TokenListFilter& filter,
                                             const core::ListQuery& query) = 0;
  virtual void setTokenLastUsed(std::string_view tokenId, core::Timestamp at) = 0;
  virtual void insertRetiredHash(const RetiredTokenHash& r) = 0;
  virtual std::optional<RetiredTokenHash> findRetiredHash(std::string_view valueHash) = 0;

  // Audit log
  virtual void insertAudit(const AuditRecord& r) = 0;
  // Records with from <= time < to, oldest first (ties in insertion order).
  virtual std::vector<AuditRecord> listAudit(std::string_view orgId, core::Timestamp from,
                                             core::Timestamp to) = 0;
};

class Store {
 public:
  enum class Mode { Read, Write };
  virtual ~Store() = default;
  // Write transactions are serialized (BEGIN IMMEDIATE in SQLite); reads run concurrently.
  virtual std::unique_ptr<Transaction> begin(Mode mode) = 0;
  // True when the database answers a trivial query (the /readyz check).
  virtual bool ping() = 0;
};

}  // namespace astro::store
