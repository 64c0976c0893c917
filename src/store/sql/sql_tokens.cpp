#include "store/sql/sql_resources.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include <boost/json.hpp>

#include "store/change_keys.h"
#include "store/sql/sql_rows.h"

namespace astro::store::sql {
namespace {

// ---- tokens
#define ASTRO_TOKEN_COLUMNS(p)                                                                     \
  p "id, " p "organization_id, " p "name, " p "description, " p "short_token, " p "value_hash, " p \
    "scope, " p "kind, " p "expiry_period_days, " p "start_at, " p "end_at, " p                    \
    "last_rotated_at, " p "last_used_at, " p "created_at, " p "updated_at, " p "created_by_id, " p \
    "created_by_type, " p "created_by_full_name, " p "created_by_username, " p                     \
    "created_by_avatar_url, " p "created_by_api_token_name, " p "updated_by_id, " p                \
    "updated_by_type, " p "updated_by_full_name, " p "updated_by_username, " p                     \
    "updated_by_avatar_url, " p "updated_by_api_token_name"
constexpr int kTokenColumnCount = 27;

TokenRecord readToken(const Statement& st) {
  TokenRecord r;
  r.token.id = st.text(0);
  r.organizationId = st.text(1);
  r.token.name = st.text(2);
  r.token.description = st.text(3);
  r.token.shortToken = st.text(4);
  r.valueHash = st.text(5);
  r.token.scope = st.text(6);
  r.token.kind = st.text(7);
  if (auto d = st.optInt64(8)) r.token.expiryPeriodInDays = static_cast<int>(*d);
  r.token.startAt = ts(st.int64(9));
  r.token.endAt = optTs(st.optInt64(10));
  r.token.lastRotatedAt = optTs(st.optInt64(11));
  r.token.lastUsedAt = optTs(st.optInt64(12));
  r.token.createdAt = ts(st.int64(13));
  r.token.updatedAt = ts(st.int64(14));
  r.token.createdBy = readProfile(st, 15);
  r.token.updatedBy = readProfile(st, 21);
  return r;
}

core::ApiTokenRole readRole(const Statement& st, int col) {
  core::ApiTokenRole role;
  role.entityType = st.text(col);
  role.entityId = st.text(col + 1);
  role.role = st.text(col + 2);
  role.deploymentId = st.optText(col + 3);
  return role;
}

// The one-statement token lookup: the token row joined with its roles in order.
std::optional<TokenRecord> readTokenWithRoles(Statement& st) {
  std::optional<TokenRecord> out;
  while (st.step()) {
    if (!out) out = readToken(st);
    if (!st.isNull(kTokenColumnCount)) out->token.roles.push_back(readRole(st, kTokenColumnCount));
  }
  return out;
}

constexpr std::string_view kFindTokenSql =
    "SELECT " ASTRO_TOKEN_COLUMNS("t.") ", r.entity_type, r.entity_id, r.role, r.deployment_id "
    "FROM api_tokens t LEFT JOIN api_token_roles r ON r.token_id = t.id "
    "WHERE t.organization_id = ?1 AND t.id = ?2 ORDER BY r.position";
constexpr std::string_view kFindTokenByHashSql =
    "SELECT " ASTRO_TOKEN_COLUMNS("t.") ", r.entity_type, r.entity_id, r.role, r.deployment_id "
    "FROM api_tokens t LEFT JOIN api_token_roles r ON r.token_id = t.id "
    "WHERE t.value_hash = ?1 ORDER BY r.position";

// The whitelist of sortable token fields (API name -> column). Nothing else reaches the SQL.
std::optional<std::string_view> tokenSortColumn(std::string_view field) {
  if (field == "createdAt") return "created_at";
  if (field == "description") return "description";
  if (field == "name") return "name";
  if (field == "tokenStartAt") return "start_at";
  if (field == "updatedAt") return "updated_at";
  return std::nullopt;
}

}  // namespace

// ---------------------------------------------------------------- tokens

void SqlTokens::changed(std::string_view orgId, std::string_view tokenId,
                        std::string_view valueHash) {
  if (!valueHash.empty()) changes_.add(changes::tokenHash(valueHash));
  changes_.add(changes::token(orgId, tokenId));
  changes_.add(changes::tokenPages(orgId));
}

void SqlTokens::insertRoles(const TokenRecord& t) {
  std::int64_t position = 0;
  for (const auto& role : t.token.roles) {
    Statement st(conn_,
                 "INSERT INTO api_token_roles (token_id, position, entity_type, entity_id, role, "
                 "deployment_id) VALUES (?, ?, ?, ?, ?, ?)");
    st.bind(t.token.id).bind(position++).bind(role.entityType).bind(role.entityId);
    st.bind(role.role).bindOpt(role.deploymentId);
    st.run();
  }
}

std::vector<core::ApiTokenRole> SqlTokens::readRoles(std::string_view tokenId) {
  Statement st(conn_,
               "SELECT entity_type, entity_id, role, deployment_id FROM api_token_roles "
               "WHERE token_id = ? ORDER BY position");
  st.bind(tokenId);
  std::vector<core::ApiTokenRole> out;
  while (st.step()) out.push_back(readRole(st, 0));
  return out;
}

void SqlTokens::insert(const TokenRecord& t) {
  Statement st(conn_, "INSERT INTO api_tokens (seq, " ASTRO_TOKEN_COLUMNS("") ") VALUES (" +
                          nextSeq(conn_.dialect(), "api_tokens") +
                          ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                          "?, ?, ?, ?)");
  const core::ApiToken& k = t.token;
  st.bind(k.id).bind(t.organizationId).bind(k.name).bind(k.description).bind(k.shortToken);
  st.bind(t.valueHash).bind(k.scope).bind(k.kind);
  st.bindOpt(k.expiryPeriodInDays ? std::optional<std::int64_t>(*k.expiryPeriodInDays)
                                  : std::nullopt);
  st.bind(secs(k.startAt)).bindOpt(optSecs(k.endAt)).bindOpt(optSecs(k.lastRotatedAt));
  st.bindOpt(optSecs(k.lastUsedAt)).bind(secs(k.createdAt)).bind(secs(k.updatedAt));
  bindProfile(st, k.createdBy);
  bindProfile(st, k.updatedBy);
  st.run();
  insertRoles(t);
  countTokens(t.organizationId, k.scope, +1);
  changed(t.organizationId, k.id, t.valueHash);
}

void SqlTokens::countTokens(std::string_view orgId, std::string_view scope, int delta) {
  Statement st(conn_,
               "UPDATE organizations SET api_token_count = api_token_count + ?, "
               "org_scope_api_token_count = org_scope_api_token_count + ? WHERE id = ?");
  st.bind(delta).bind(scope == "ORGANIZATION" ? delta : 0).bind(orgId);
  st.run();
}

void SqlTokens::update(const TokenRecord& t) {
  {
    // The value it replaces (a rotation) is stale too.
    Statement st(conn_, "SELECT value_hash FROM api_tokens WHERE organization_id = ? AND id = ?");
    st.bind(t.organizationId).bind(t.token.id);
    if (st.step()) {
      const std::string old = st.text(0);
      if (old != t.valueHash) changes_.add(changes::tokenHash(old));
    }
  }
  {
    Statement st(conn_,
                 "UPDATE api_tokens SET name = ?, description = ?, short_token = ?, "
                 "value_hash = ?, kind = ?, expiry_period_days = ?, start_at = ?, end_at = ?, "
                 "last_rotated_at = ?, updated_at = ?, updated_by_id = ?, "
                 "updated_by_type = ?, updated_by_full_name = ?, updated_by_username = ?, "
                 "updated_by_avatar_url = ?, updated_by_api_token_name = ? "
                 "WHERE organization_id = ? AND id = ?");
    const core::ApiToken& k = t.token;
    st.bind(k.name).bind(k.description).bind(k.shortToken).bind(t.valueHash).bind(k.kind);
    st.bindOpt(k.expiryPeriodInDays ? std::optional<std::int64_t>(*k.expiryPeriodInDays)
                                    : std::nullopt);
    st.bind(secs(k.startAt)).bindOpt(optSecs(k.endAt)).bindOpt(optSecs(k.lastRotatedAt));
    st.bind(secs(k.updatedAt));  // never lastUsedAt: setLastUsed's alone (tokens.h)
    bindProfile(st, k.updatedBy);
    st.bind(t.organizationId).bind(k.id);
    st.run();
    if (st.changes() == 0)
      throw StoreError(StoreError::Kind::NotFound, "Tokens::update: no such token");
  }
  execute(conn_, "DELETE FROM api_token_roles WHERE token_id = ?", t.token.id);
  insertRoles(t);
  changed(t.organizationId, t.token.id, t.valueHash);
}

bool SqlTokens::remove(std::string_view orgId, std::string_view tokenId) {
  // Roles go with the token (ON DELETE CASCADE); the counters follow here.
  Statement st(conn_,
               "DELETE FROM api_tokens WHERE organization_id = ? AND id = ? "
               "RETURNING scope, value_hash");
  st.bind(orgId).bind(tokenId);
  if (!st.step()) return false;
  const std::string scope = st.text(0);
  const std::string hash = st.text(1);
  while (st.step()) {
  }
  countTokens(orgId, scope, -1);
  changed(orgId, tokenId, hash);
  return true;
}

std::optional<TokenRecord> SqlTokens::find(std::string_view orgId, std::string_view tokenId) {
  Statement st(conn_, kFindTokenSql);
  st.bind(orgId).bind(tokenId);
  return readTokenWithRoles(st);
}

std::optional<TokenRecord> SqlTokens::findByHash(std::string_view valueHash) {
  Statement st(conn_, kFindTokenByHashSql);
  st.bind(valueHash);
  return readTokenWithRoles(st);
}

core::Page<TokenRecord> SqlTokens::list(std::string_view orgId, const core::TokenListFilter& filter,
                                        const core::ListQuery& query) {
  static constexpr ListShape kShape{ASTRO_TOKEN_COLUMNS(""),
                                    "api_tokens",
                                    tokenSortColumn,
                                    "created_at",
                                    "seq",  // insertion order
                                    "Tokens::list"};
  Filter where("organization_id = ?", orgId);
  if (filter.includeOnlyOrganizationTokens) where.andWhere("scope = 'ORGANIZATION'");
  if (filter.workspaceId)
    where.andWhere(
        "EXISTS (SELECT 1 FROM api_token_roles r WHERE r.token_id = api_tokens.id AND "
        "r.entity_type = 'WORKSPACE' AND r.entity_id = ?)",
        {*filter.workspaceId});
  // totalCount: the per-organization counters when the filter adds nothing a counter cannot
  // answer, so a page of an organization with a million tokens does not count them all.
  std::optional<std::int64_t> count;
  if (!filter.workspaceId) {
    Statement st(conn_, filter.includeOnlyOrganizationTokens
                            ? "SELECT org_scope_api_token_count FROM organizations WHERE id = ?"
                            : "SELECT api_token_count FROM organizations WHERE id = ?");
    st.bind(orgId);
    count = st.step() ? st.int64(0) : 0;
  }
  auto page = listPage<TokenRecord>(conn_, kShape, where, query, readToken, count);
  // The page's roles in one statement (not one per token): the IDs go in as one JSON array.
  if (!page.items.empty()) {
    std::string ids = "[";
    std::unordered_map<std::string_view, core::ApiToken*> byId;
    for (auto& item : page.items) {
      if (ids.size() > 1) ids += ',';
      ids.append("\"").append(item.token.id).append("\"");  // IDs are [0-9a-z]: no escaping
      byId.emplace(item.token.id, &item.token);
    }
    ids += ']';
    Statement st(conn_,
                 "SELECT token_id, entity_type, entity_id, role, deployment_id FROM "
                 "api_token_roles WHERE token_id IN (" +
                     std::string(jsonTextElements(conn_.dialect())) +
                     ") ORDER BY token_id, position");
    st.bind(ids);
    while (st.step()) {
      auto it = byId.find(st.text(0));
      if (it != byId.end()) it->second->roles.push_back(readRole(st, 1));
    }
  }
  return page;
}

void SqlTokens::setLastUsed(std::span<const LastUse> uses) {
  // Chunks of kChunk uses, each one UPDATE of the rows a JSON array names (a fleet's 10,000 uses
  // cost 10 statements, not 10,000 round trips); RETURNING names the rows it moved.
  constexpr std::size_t kChunk = 1000;
  const std::string sql =
      "UPDATE api_tokens AS t SET last_used_at = u.use_at FROM (" +
      jsonTupleRows(conn_.dialect(), {{"use_org", false}, {"use_id", false}, {"use_at", true}}) +
      ") AS u WHERE t.organization_id = u.use_org AND t.id = u.use_id "
      "AND (t.last_used_at IS NULL OR t.last_used_at < u.use_at) RETURNING organization_id, id";
  for (std::size_t from = 0; from < uses.size(); from += kChunk) {
    boost::json::array batch;
    for (const LastUse& use : uses.subspan(from, std::min(kChunk, uses.size() - from)))
      batch.push_back(boost::json::array{boost::json::string_view(use.organizationId),
                                         boost::json::string_view(use.tokenId), secs(use.at)});
    Statement st(conn_, sql);
    st.bind(boost::json::serialize(batch));
    while (st.step()) changed(st.text(0), st.text(1), "");
  }
}

void SqlTokens::insertRetiredHash(const RetiredTokenHash& r) {
  Statement st(conn_,
               "INSERT INTO retired_token_hashes (value_hash, token_id, organization_id, reason, "
               "retired_at) VALUES (?, ?, ?, ?, ?)");
  st.bind(r.valueHash).bind(r.tokenId).bind(r.organizationId).bind(r.reason);
  st.bind(secs(r.retiredAt));
  st.run();
  changes_.add(changes::tokenHash(r.valueHash));
}

std::optional<RetiredTokenHash> SqlTokens::findRetiredHash(std::string_view valueHash) {
  Statement st(conn_,
               "SELECT value_hash, token_id, organization_id, reason, retired_at "
               "FROM retired_token_hashes WHERE value_hash = ?");
  st.bind(valueHash);
  if (!st.step()) return std::nullopt;
  RetiredTokenHash r;
  r.valueHash = st.text(0);
  r.tokenId = st.text(1);
  r.organizationId = st.text(2);
  r.reason = st.text(3);
  r.retiredAt = ts(st.int64(4));
  return r;
}

}  // namespace astro::store::sql
