// Builders of store records for the conformance suite (shared by every Store implementation).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>

#include "core/pagination.h"
#include "store/records.h"
#include "store/store.h"

namespace astro::store::testing {

// The kind of the StoreError `f` throws (its message into `message`); a test failure if none.
inline StoreError::Kind kindOf(const std::function<void()>& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const StoreError& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  ADD_FAILURE() << "expected StoreError";
  return StoreError::Kind::Io;
}

inline core::Timestamp at(std::int64_t seconds) {
  return core::Timestamp{std::chrono::seconds{seconds}};
}

// A 25-character id "c" + 24 chars built from `n` (unique per n, lexically ordered by n).
inline std::string testId(char kind, int n) {
  std::string digits = std::to_string(n);
  return std::string("c") + kind + std::string(23 - digits.size(), '0') + digits;
}

inline core::ListQuery query(int offset, int limit, std::vector<core::SortKey> sorts = {}) {
  core::ListQuery q;
  q.offset = offset;
  q.limit = limit;
  q.sorts = std::move(sorts);
  return q;
}

inline core::TokenListFilter onlyOrgTokens() {
  core::TokenListFilter f;
  f.includeOnlyOrganizationTokens = true;
  return f;
}

inline core::TokenListFilter inWorkspace(std::string id) {
  core::TokenListFilter f;
  f.workspaceId = std::move(id);
  return f;
}

inline core::BasicSubjectProfile userProfile(std::string id) {
  core::BasicSubjectProfile p;
  p.id = std::move(id);
  p.subjectType = core::SubjectType::User;
  p.fullName = "Ada Lovelace";
  p.username = "ada@example.com";
  p.avatarUrl = "https://example.com/a.png";
  return p;
}

inline core::BasicSubjectProfile tokenProfile(std::string id, std::string name) {
  core::BasicSubjectProfile p;
  p.id = std::move(id);
  p.subjectType = core::SubjectType::ServiceKey;
  p.apiTokenName = std::move(name);
  return p;
}

inline core::Organization makeOrg(std::string id, std::string name, std::int64_t created) {
  core::Organization o;
  o.id = std::move(id);
  o.name = std::move(name);
  o.createdAt = at(created);
  o.updatedAt = at(created);
  o.createdBy = userProfile("cuser00000000000000000001");
  o.updatedBy = o.createdBy;
  return o;
}

inline TokenRecord makeToken(std::string orgId, std::string id, std::string name,
                             std::int64_t created) {
  TokenRecord r;
  r.organizationId = orgId;
  r.token.id = id;
  r.token.name = std::move(name);
  r.token.description = "";
  r.token.shortToken = "astro_org_" + id.substr(19);
  r.token.scope = "ORGANIZATION";
  r.token.kind = "STANDARD";
  r.token.roles = {{"ORGANIZATION", orgId, "ORGANIZATION_MEMBER", std::nullopt}};
  r.token.startAt = at(created);
  r.token.createdAt = at(created);
  r.token.updatedAt = at(created);
  r.valueHash = "hash-" + id;
  return r;
}

}  // namespace astro::store::testing
