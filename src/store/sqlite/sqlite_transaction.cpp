#include "store/sqlite/sqlite_transaction.h"

#include <boost/json.hpp>

#include <utility>

namespace astro::store::sqlite {
namespace {

std::int64_t secs(core::Timestamp t) {
  return t.time_since_epoch().count();
}
core::Timestamp ts(std::int64_t s) {
  return core::Timestamp{std::chrono::seconds{s}};
}
std::optional<std::int64_t> optSecs(const std::optional<core::Timestamp>& t) {
  if (!t) return std::nullopt;
  return secs(*t);
}
std::optional<core::Timestamp> optTs(const std::optional<std::int64_t>& s) {
  if (!s) return std::nullopt;
  return ts(*s);
}

std::string_view subjectTypeText(core::SubjectType t) {
  return t == core::SubjectType::ServiceKey ? "SERVICEKEY" : "USER";
}

// Six columns: *_by_id, *_by_type, *_by_full_name, *_by_username, *_by_avatar_url,
// *_by_api_token_name.
void bindProfile(Statement& st, const std::optional<core::BasicSubjectProfile>& p) {
  if (!p) {
    for (int i = 0; i < 6; ++i) st.bindNull();
    return;
  }
  st.bind(p->id).bind(subjectTypeText(p->subjectType));
  st.bindOpt(p->fullName).bindOpt(p->username).bindOpt(p->avatarUrl).bindOpt(p->apiTokenName);
}

std::optional<core::BasicSubjectProfile> readProfile(const Statement& st, int col) {
  if (st.isNull(col)) return std::nullopt;
  core::BasicSubjectProfile p;
  p.id = st.text(col);
  p.subjectType =
      st.text(col + 1) == "SERVICEKEY" ? core::SubjectType::ServiceKey : core::SubjectType::User;
  p.fullName = st.optText(col + 2);
  p.username = st.optText(col + 3);
  p.avatarUrl = st.optText(col + 4);
  p.apiTokenName = st.optText(col + 5);
  return p;
}

// ---- organizations
constexpr std::string_view kOrgColumns =
    "id, name, product, status, created_at, updated_at, created_by_id, created_by_type, "
    "created_by_full_name, created_by_username, created_by_avatar_url, "
    "created_by_api_token_name, updated_by_id, updated_by_type, updated_by_full_name, "
    "updated_by_username, updated_by_avatar_url, updated_by_api_token_name";

core::Organization readOrganization(const Statement& st) {
  core::Organization o;
  o.id = st.text(0);
  o.name = st.text(1);
  o.product = st.text(2);
  o.status = st.text(3);
  o.createdAt = ts(st.int64(4));
  o.updatedAt = ts(st.int64(5));
  o.createdBy = readProfile(st, 6).value_or(core::BasicSubjectProfile{});
  o.updatedBy = readProfile(st, 12).value_or(core::BasicSubjectProfile{});
  return o;
}

// ---- users and memberships
constexpr std::string_view kUserColumns =
    "id, email, full_name, avatar_url, status, created_at, updated_at";

UserRecord readUser(const Statement& st) {
  UserRecord u;
  u.id = st.text(0);
  u.email = st.text(1);
  u.fullName = st.text(2);
  u.avatarUrl = st.text(3);
  u.status = st.text(4);
  u.createdAt = ts(st.int64(5));
  u.updatedAt = ts(st.int64(6));
  return u;
}

MembershipRecord readMembership(const Statement& st) {
  MembershipRecord m;
  m.organizationId = st.text(0);
  m.userId = st.text(1);
  m.role = core::parseOrgRole(st.text(2)).value_or(core::OrgRole::Member);
  m.createdAt = ts(st.int64(3));
  m.updatedAt = ts(st.int64(4));
  return m;
}

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

// ---- audit
std::string changesToJson(const std::vector<AuditChange>& changes) {
  boost::json::array arr;
  arr.reserve(changes.size());
  for (const auto& c : changes) {
    boost::json::object o;
    o["field"] = c.field;
    o["oldValue"] = c.oldValue ? boost::json::value(*c.oldValue) : boost::json::value(nullptr);
    o["newValue"] = c.newValue ? boost::json::value(*c.newValue) : boost::json::value(nullptr);
    arr.emplace_back(std::move(o));
  }
  return boost::json::serialize(arr);
}

std::vector<AuditChange> changesFromJson(const std::string& text) {
  std::vector<AuditChange> out;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) throw StoreError(StoreError::Kind::Io, "corrupt audit changes");
  for (const auto& item : v.as_array()) {
    const auto* o = item.if_object();
    if (o == nullptr) throw StoreError(StoreError::Kind::Io, "corrupt audit changes");
    AuditChange c;
    auto str = [&](std::string_view key) -> std::optional<std::string> {
      const auto* f = o->if_contains(key);
      if (f == nullptr || !f->is_string()) return std::nullopt;
      return std::string(f->as_string());
    };
    c.field = str("field").value_or("");
    c.oldValue = str("oldValue");
    c.newValue = str("newValue");
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

SqliteTransaction::SqliteTransaction(Connection& conn, bool write) : conn_(conn) {
  Statement(conn_, write ? "BEGIN IMMEDIATE" : "BEGIN").run();
  open_ = true;
  conn_.inUse = true;
}

SqliteTransaction::~SqliteTransaction() {
  if (open_) {
    try {
      Statement(conn_, "ROLLBACK").run();
    } catch (...) {
      // A failed rollback leaves SQLite to roll back on its own (it does on the next BEGIN
      // after an error, or when the connection closes); nothing more to do in a destructor.
    }
  }
  conn_.inUse = false;
}

void SqliteTransaction::commit() {
  if (!open_) throw StoreError(StoreError::Kind::Io, "commit: the transaction is not open");
  Statement(conn_, "COMMIT").run();
  open_ = false;
}

// ---------------------------------------------------------------- organizations

void SqliteTransaction::insertOrganization(const core::Organization& org) {
  Statement st(conn_, "INSERT INTO organizations (" + std::string(kOrgColumns) +
                          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(org.id).bind(org.name).bind(org.product).bind(org.status);
  st.bind(secs(org.createdAt)).bind(secs(org.updatedAt));
  bindProfile(st, org.createdBy);
  bindProfile(st, org.updatedBy);
  st.run();
}

void SqliteTransaction::updateOrganization(const core::Organization& org) {
  Statement st(conn_,
               "UPDATE organizations SET name = ?, product = ?, status = ?, updated_at = ?, "
               "updated_by_id = ?, updated_by_type = ?, updated_by_full_name = ?, "
               "updated_by_username = ?, updated_by_avatar_url = ?, "
               "updated_by_api_token_name = ? WHERE id = ?");
  st.bind(org.name).bind(org.product).bind(org.status).bind(secs(org.updatedAt));
  bindProfile(st, org.updatedBy);
  st.bind(org.id);
  st.run();
}

std::optional<core::Organization> SqliteTransaction::findOrganization(std::string_view id) {
  Statement st(conn_, "SELECT " + std::string(kOrgColumns) + " FROM organizations WHERE id = ?");
  st.bind(id);
  if (!st.step()) return std::nullopt;
  return readOrganization(st);
}

std::vector<core::Organization> SqliteTransaction::listOrganizations() {
  Statement st(
      conn_, "SELECT " + std::string(kOrgColumns) + " FROM organizations ORDER BY created_at, id");
  std::vector<core::Organization> out;
  while (st.step()) out.push_back(readOrganization(st));
  return out;
}

// ---------------------------------------------------------------- users, memberships

void SqliteTransaction::insertUser(const UserRecord& user) {
  Statement st(
      conn_, "INSERT INTO users (" + std::string(kUserColumns) + ") VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(user.id).bind(user.email).bind(user.fullName).bind(user.avatarUrl).bind(user.status);
  st.bind(secs(user.createdAt)).bind(secs(user.updatedAt));
  st.run();
}

std::optional<UserRecord> SqliteTransaction::findUser(std::string_view id) {
  Statement st(conn_, "SELECT " + std::string(kUserColumns) + " FROM users WHERE id = ?");
  st.bind(id);
  if (!st.step()) return std::nullopt;
  return readUser(st);
}

std::optional<UserRecord> SqliteTransaction::findUserByEmail(std::string_view email) {
  Statement st(conn_, "SELECT " + std::string(kUserColumns) + " FROM users WHERE email = ?");
  st.bind(email);
  if (!st.step()) return std::nullopt;
  return readUser(st);
}

void SqliteTransaction::upsertMembership(const MembershipRecord& m) {
  Statement st(conn_,
               "INSERT INTO memberships (organization_id, user_id, role, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (organization_id, user_id) DO UPDATE SET "
               "role = excluded.role, updated_at = excluded.updated_at");
  st.bind(m.organizationId).bind(m.userId).bind(core::toString(m.role));
  st.bind(secs(m.createdAt)).bind(secs(m.updatedAt));
  st.run();
}

std::optional<MembershipRecord> SqliteTransaction::findMembership(std::string_view orgId,
                                                                  std::string_view userId) {
  Statement st(conn_,
               "SELECT organization_id, user_id, role, created_at, updated_at FROM memberships "
               "WHERE organization_id = ? AND user_id = ?");
  st.bind(orgId).bind(userId);
  if (!st.step()) return std::nullopt;
  return readMembership(st);
}

std::vector<MembershipRecord> SqliteTransaction::listMembershipsOfUser(std::string_view userId) {
  Statement st(conn_,
               "SELECT organization_id, user_id, role, created_at, updated_at FROM memberships "
               "WHERE user_id = ? ORDER BY created_at, organization_id");
  st.bind(userId);
  std::vector<MembershipRecord> out;
  while (st.step()) out.push_back(readMembership(st));
  return out;
}

// ---------------------------------------------------------------- tokens

void SqliteTransaction::insertRoles(const TokenRecord& t) {
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

std::vector<core::ApiTokenRole> SqliteTransaction::readRoles(std::string_view tokenId) {
  Statement st(conn_,
               "SELECT entity_type, entity_id, role, deployment_id FROM api_token_roles "
               "WHERE token_id = ? ORDER BY position");
  st.bind(tokenId);
  std::vector<core::ApiTokenRole> out;
  while (st.step()) out.push_back(readRole(st, 0));
  return out;
}

void SqliteTransaction::insertToken(const TokenRecord& t) {
  Statement st(conn_,
               "INSERT INTO api_tokens (" ASTRO_TOKEN_COLUMNS("") ") VALUES (?, ?, ?, ?, ?, ?, "
               "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
}

void SqliteTransaction::updateToken(const TokenRecord& t) {
  {
    Statement st(conn_,
                 "UPDATE api_tokens SET name = ?, description = ?, short_token = ?, "
                 "value_hash = ?, kind = ?, expiry_period_days = ?, start_at = ?, end_at = ?, "
                 "last_rotated_at = ?, last_used_at = ?, updated_at = ?, updated_by_id = ?, "
                 "updated_by_type = ?, updated_by_full_name = ?, updated_by_username = ?, "
                 "updated_by_avatar_url = ?, updated_by_api_token_name = ? "
                 "WHERE organization_id = ? AND id = ?");
    const core::ApiToken& k = t.token;
    st.bind(k.name).bind(k.description).bind(k.shortToken).bind(t.valueHash).bind(k.kind);
    st.bindOpt(k.expiryPeriodInDays ? std::optional<std::int64_t>(*k.expiryPeriodInDays)
                                    : std::nullopt);
    st.bind(secs(k.startAt)).bindOpt(optSecs(k.endAt)).bindOpt(optSecs(k.lastRotatedAt));
    st.bindOpt(optSecs(k.lastUsedAt)).bind(secs(k.updatedAt));
    bindProfile(st, k.updatedBy);
    st.bind(t.organizationId).bind(k.id);
    st.run();
    if (st.changes() == 0)
      throw StoreError(StoreError::Kind::Conflict, "updateToken: no such token");
  }
  {
    Statement st(conn_, "DELETE FROM api_token_roles WHERE token_id = ?");
    st.bind(t.token.id);
    st.run();
  }
  insertRoles(t);
}

bool SqliteTransaction::deleteToken(std::string_view orgId, std::string_view tokenId) {
  // Roles go with the token (ON DELETE CASCADE); the count trigger keeps totalCount right.
  Statement st(conn_, "DELETE FROM api_tokens WHERE organization_id = ? AND id = ?");
  st.bind(orgId).bind(tokenId);
  st.run();
  return st.changes() > 0;
}

std::optional<TokenRecord> SqliteTransaction::findToken(std::string_view orgId,
                                                        std::string_view tokenId) {
  Statement st(conn_, kFindTokenSql);
  st.bind(orgId).bind(tokenId);
  return readTokenWithRoles(st);
}

std::optional<TokenRecord> SqliteTransaction::findTokenByHash(std::string_view valueHash) {
  Statement st(conn_, kFindTokenByHashSql);
  st.bind(valueHash);
  return readTokenWithRoles(st);
}

core::Page<TokenRecord> SqliteTransaction::listTokens(std::string_view orgId,
                                                      const core::TokenListFilter& filter,
                                                      const core::ListQuery& query) {
  core::Page<TokenRecord> page;
  page.limit = query.limit;
  page.offset = query.offset;

  std::string where = " WHERE organization_id = ?1";
  if (filter.includeOnlyOrganizationTokens) where += " AND scope = 'ORGANIZATION'";
  if (filter.workspaceId)
    where +=
        " AND EXISTS (SELECT 1 FROM api_token_roles r WHERE r.token_id = api_tokens.id AND "
        "r.entity_type = 'WORKSPACE' AND r.entity_id = ?2)";

  // totalCount: the per-organization counters when the filter adds nothing a counter cannot
  // answer, so a page of an organization with a million tokens does not count them all.
  if (filter.workspaceId) {
    Statement st(conn_, "SELECT COUNT(*) FROM api_tokens" + where);
    st.bind(orgId).bind(*filter.workspaceId);
    if (st.step()) page.totalCount = st.int64(0);
  } else {
    Statement st(conn_, filter.includeOnlyOrganizationTokens
                            ? "SELECT org_scope_api_token_count FROM organizations WHERE id = ?"
                            : "SELECT api_token_count FROM organizations WHERE id = ?");
    st.bind(orgId);
    if (st.step()) page.totalCount = st.int64(0);
  }

  std::string order = " ORDER BY ";
  if (query.sorts.empty()) {
    order += "created_at ASC, ";
  } else {
    for (const auto& key : query.sorts) {
      auto column = tokenSortColumn(key.field);
      if (!column) throw StoreError(StoreError::Kind::Io, "listTokens: unsupported sort field");
      order.append(*column).append(key.descending ? " DESC, " : " ASC, ");
    }
  }
  order += "id ASC";

  std::string sql = "SELECT " ASTRO_TOKEN_COLUMNS("") " FROM api_tokens" + where + order +
                    (filter.workspaceId ? " LIMIT ?3 OFFSET ?4" : " LIMIT ?2 OFFSET ?3");
  {
    Statement st(conn_, sql);
    st.bind(orgId);
    if (filter.workspaceId) st.bind(*filter.workspaceId);
    st.bind(static_cast<std::int64_t>(query.limit)).bind(static_cast<std::int64_t>(query.offset));
    while (st.step()) page.items.push_back(readToken(st));
  }
  for (auto& item : page.items) item.token.roles = readRoles(item.token.id);
  return page;
}

void SqliteTransaction::setTokenLastUsed(std::string_view tokenId, core::Timestamp at) {
  Statement st(conn_, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?");
  st.bind(secs(at)).bind(tokenId);
  st.run();
}

void SqliteTransaction::insertRetiredHash(const RetiredTokenHash& r) {
  Statement st(conn_,
               "INSERT INTO retired_token_hashes (value_hash, token_id, organization_id, reason, "
               "retired_at) VALUES (?, ?, ?, ?, ?)");
  st.bind(r.valueHash).bind(r.tokenId).bind(r.organizationId).bind(r.reason);
  st.bind(secs(r.retiredAt));
  st.run();
}

std::optional<RetiredTokenHash> SqliteTransaction::findRetiredHash(std::string_view valueHash) {
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

// ---------------------------------------------------------------- audit

void SqliteTransaction::insertAudit(const AuditRecord& r) {
  Statement st(conn_,
               "INSERT INTO audit_records (id, time, organization_id, actor_type, actor_id, "
               "actor_name, action, target_type, target_id, target_name, request_id, "
               "source_address, user_agent, outcome, reason, changes) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(r.id).bind(secs(r.time)).bind(r.organizationId).bind(r.actorType).bind(r.actorId);
  st.bind(r.actorName).bind(r.action).bind(r.targetType).bind(r.targetId).bind(r.targetName);
  st.bind(r.requestId).bind(r.sourceAddress).bind(r.userAgent).bind(r.outcome).bind(r.reason);
  st.bind(changesToJson(r.changes));
  st.run();
}

std::vector<AuditRecord> SqliteTransaction::listAudit(std::string_view orgId, core::Timestamp from,
                                                      core::Timestamp to) {
  Statement st(conn_,
               "SELECT id, time, organization_id, actor_type, actor_id, actor_name, action, "
               "target_type, target_id, target_name, request_id, source_address, user_agent, "
               "outcome, reason, changes FROM audit_records "
               "WHERE organization_id = ? AND time >= ? AND time < ? ORDER BY time, seq");
  st.bind(orgId).bind(secs(from)).bind(secs(to));
  std::vector<AuditRecord> out;
  while (st.step()) {
    AuditRecord r;
    r.id = st.text(0);
    r.time = ts(st.int64(1));
    r.organizationId = st.text(2);
    r.actorType = st.text(3);
    r.actorId = st.text(4);
    r.actorName = st.text(5);
    r.action = st.text(6);
    r.targetType = st.text(7);
    r.targetId = st.text(8);
    r.targetName = st.text(9);
    r.requestId = st.text(10);
    r.sourceAddress = st.text(11);
    r.userAgent = st.text(12);
    r.outcome = st.text(13);
    r.reason = st.text(14);
    r.changes = changesFromJson(st.text(15));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace astro::store::sqlite
