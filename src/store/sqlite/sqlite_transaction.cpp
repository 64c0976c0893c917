#include "store/sqlite/sqlite_transaction.h"

#include "core/audit/audit_chain.h"

#include <boost/json.hpp>

#include <unordered_map>
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
  m.status = st.text(5);
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

// ---- shared list helpers
using SortColumn = std::optional<std::string_view> (*)(std::string_view);

// " ORDER BY <sorts>, <tie> ASC" from whitelisted fields only (the tie is a rowid: insertion
// order, so objects made in the same second list in the order they were made); an unknown field
// throws (the service validates first, so this is a programming error).
std::string orderBy(const core::ListQuery& q, SortColumn column, std::string_view defaultColumn,
                    std::string_view tieColumn, const char* context) {
  std::string order = " ORDER BY ";
  if (q.sorts.empty()) {
    order.append(defaultColumn).append(" ASC, ");
  } else {
    for (const auto& key : q.sorts) {
      auto c = column(key.field);
      if (!c) throw StoreError(StoreError::Kind::Io, std::string(context) + ": unsupported sort");
      order.append(*c).append(key.descending ? " DESC, " : " ASC, ");
    }
  }
  order.append(tieColumn).append(" ASC");
  return order;
}

std::optional<std::string_view> memberSortColumn(std::string_view f) {
  if (f == "createdAt") return "u.created_at";
  if (f == "fullName") return "u.full_name";
  if (f == "id") return "u.id";
  if (f == "updatedAt") return "u.updated_at";
  if (f == "username") return "u.email";
  return std::nullopt;
}
std::optional<std::string_view> teamSortColumn(std::string_view f) {
  if (f == "createdAt") return "created_at";
  if (f == "description") return "COALESCE(description, '')";
  if (f == "name") return "name";
  if (f == "updatedAt") return "updated_at";
  return std::nullopt;
}
std::optional<std::string_view> teamMemberSortColumn(std::string_view f) {
  if (f == "createdAt") return "m.created_at";
  if (f == "fullName") return "u.full_name";
  if (f == "userId") return "u.id";
  if (f == "username") return "u.email";
  return std::nullopt;
}
std::optional<std::string_view> workspaceSortColumn(std::string_view f) {
  if (f == "createdAt") return "created_at";
  if (f == "name") return "name";
  if (f == "updatedAt") return "updated_at";
  return std::nullopt;
}

constexpr std::string_view kMemberSelect =
    "SELECT u.id, u.email, u.full_name, u.avatar_url, u.status, u.created_at, u.updated_at, "
    "m.organization_id, m.user_id, m.role, m.created_at, m.updated_at, m.status "
    "FROM memberships m JOIN users u ON u.id = m.user_id";

MemberRecord readMember(const Statement& st) {
  MemberRecord r;
  r.user = readUser(st);
  r.membership.organizationId = st.text(7);
  r.membership.userId = st.text(8);
  r.membership.role = core::parseOrgRole(st.text(9)).value_or(core::OrgRole::Member);
  r.membership.createdAt = ts(st.int64(10));
  r.membership.updatedAt = ts(st.int64(11));
  r.membership.status = st.text(12);
  return r;
}

// ---- workspaces
constexpr std::string_view kWorkspaceColumns =
    "id, organization_id, name, description, cicd_enforced_default, created_at, updated_at, "
    "created_by_id, created_by_type, created_by_full_name, created_by_username, "
    "created_by_avatar_url, created_by_api_token_name, updated_by_id, updated_by_type, "
    "updated_by_full_name, updated_by_username, updated_by_avatar_url, updated_by_api_token_name";

core::Workspace readWorkspace(const Statement& st) {
  core::Workspace w;
  w.id = st.text(0);
  w.organizationId = st.text(1);
  w.name = st.text(2);
  w.description = st.optText(3);
  w.cicdEnforcedDefault = st.int64(4) != 0;
  w.createdAt = ts(st.int64(5));
  w.updatedAt = ts(st.int64(6));
  w.createdBy = readProfile(st, 7);
  w.updatedBy = readProfile(st, 13);
  return w;
}

// ---- teams
constexpr std::string_view kTeamColumns =
    "id, organization_id, name, description, is_idp_managed, organization_role, created_at, "
    "updated_at, created_by_id, created_by_type, created_by_full_name, created_by_username, "
    "created_by_avatar_url, created_by_api_token_name, updated_by_id, updated_by_type, "
    "updated_by_full_name, updated_by_username, updated_by_avatar_url, updated_by_api_token_name";

core::Team readTeam(const Statement& st) {
  core::Team t;
  t.id = st.text(0);
  t.organizationId = st.text(1);
  t.name = st.text(2);
  t.description = st.optText(3);
  t.isIdpManaged = st.int64(4) != 0;
  t.organizationRole = st.text(5);
  t.createdAt = ts(st.int64(6));
  t.updatedAt = ts(st.int64(7));
  t.createdBy = readProfile(st, 8);
  t.updatedBy = readProfile(st, 14);
  return t;
}

// ---- invites
constexpr std::string_view kInviteColumns =
    "id, organization_id, email, role, user_id, created_at, expires_at, inviter_id, "
    "inviter_type, inviter_full_name, inviter_username, inviter_avatar_url, "
    "inviter_api_token_name";

InviteRecord readInvite(const Statement& st) {
  InviteRecord r;
  r.id = st.text(0);
  r.organizationId = st.text(1);
  r.email = st.text(2);
  r.role = core::parseOrgRole(st.text(3)).value_or(core::OrgRole::Member);
  r.userId = st.text(4);
  r.createdAt = ts(st.int64(5));
  r.expiresAt = ts(st.int64(6));
  r.inviter = readProfile(st, 7);
  return r;
}

}  // namespace

SqliteTransaction::SqliteTransaction(Connection& conn, std::atomic<std::uint64_t>* generation,
                                     StoreStats* stats,
                                     std::chrono::steady_clock::time_point began,
                                     std::unique_lock<std::timed_mutex> writerTurn)
    : timer_(stats, generation != nullptr ? Store::Mode::Write : Store::Mode::Read, began),
      conn_(conn),
      generation_(generation),
      writerTurn_(std::move(writerTurn)) {
  Statement(conn_, generation != nullptr ? "BEGIN IMMEDIATE" : "BEGIN").run();
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
  if (generation_ != nullptr) generation_->fetch_add(1, std::memory_order_acq_rel);
  conn_.inUse = false;
}

void SqliteTransaction::commit() {
  if (!open_) throw StoreError(StoreError::Kind::Io, "commit: the transaction is not open");
  Statement(conn_, "COMMIT").run();
  open_ = false;
  if (generation_ != nullptr) {
    generation_->fetch_add(1, std::memory_order_acq_rel);
    if (conn_.events() != nullptr) conn_.events()->committed();
  }
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
               "INSERT INTO memberships (organization_id, user_id, role, created_at, updated_at, "
               "status) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (organization_id, user_id) DO "
               "UPDATE SET role = excluded.role, updated_at = excluded.updated_at, "
               "status = excluded.status");
  st.bind(m.organizationId).bind(m.userId).bind(core::toString(m.role));
  st.bind(secs(m.createdAt)).bind(secs(m.updatedAt)).bind(m.status);
  st.run();
}

std::optional<MembershipRecord> SqliteTransaction::findMembership(std::string_view orgId,
                                                                  std::string_view userId) {
  Statement st(
      conn_,
      "SELECT organization_id, user_id, role, created_at, updated_at, status FROM memberships "
      "WHERE organization_id = ? AND user_id = ?");
  st.bind(orgId).bind(userId);
  if (!st.step()) return std::nullopt;
  return readMembership(st);
}

std::vector<MembershipRecord> SqliteTransaction::listMembershipsOfUser(std::string_view userId) {
  Statement st(
      conn_,
      "SELECT organization_id, user_id, role, created_at, updated_at, status FROM memberships "
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
  execute(conn_, "DELETE FROM api_token_roles WHERE token_id = ?", t.token.id);
  insertRoles(t);
}

bool SqliteTransaction::deleteToken(std::string_view orgId, std::string_view tokenId) {
  // Roles go with the token (ON DELETE CASCADE); the count trigger keeps totalCount right.
  return execute(conn_, "DELETE FROM api_tokens WHERE organization_id = ? AND id = ?", orgId,
                 tokenId) > 0;
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
  order += "rowid ASC";  // insertion order breaks ties (migration 0003)

  std::string sql = "SELECT " ASTRO_TOKEN_COLUMNS("") " FROM api_tokens" + where + order +
                    (filter.workspaceId ? " LIMIT ?3 OFFSET ?4" : " LIMIT ?2 OFFSET ?3");
  {
    Statement st(conn_, sql);
    st.bind(orgId);
    if (filter.workspaceId) st.bind(*filter.workspaceId);
    st.bind(static_cast<std::int64_t>(query.limit)).bind(static_cast<std::int64_t>(query.offset));
    while (st.step()) page.items.push_back(readToken(st));
  }
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
    Statement st(
        conn_,
        "SELECT token_id, entity_type, entity_id, role, deployment_id FROM api_token_roles "
        "WHERE token_id IN (SELECT value FROM json_each(?)) ORDER BY token_id, position");
    st.bind(ids);
    while (st.step()) {
      auto it = byId.find(st.text(0));
      if (it != byId.end()) it->second->roles.push_back(readRole(st, 1));
    }
  }
  return page;
}

void SqliteTransaction::setTokenLastUsed(std::string_view tokenId, core::Timestamp at) {
  execute(conn_, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", secs(at), tokenId);
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

namespace {

constexpr const char* kAuditColumns =
    "id, time, organization_id, actor_type, actor_id, actor_name, action, target_type, "
    "target_id, target_name, request_id, source_address, user_agent, outcome, reason, changes, "
    "chain_seq, prev_hash, hash";

AuditRecord readAuditRow(Statement& st) {
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
  r.chainSeq = st.int64(16);
  r.prevHash = st.text(17);
  r.hash = st.text(18);
  return r;
}

}  // namespace

void SqliteTransaction::appendToChain(AuditRecord& r) {
  const auto head = findAuditChainHead(r.organizationId);
  r.chainSeq = head ? head->chainSeq + 1 : 1;
  r.prevHash = head ? head->hash : std::string(core::kAuditChainGenesis);
  r.hash = core::auditChainHash(r.prevHash, r);
  execute(conn_,
          "INSERT INTO audit_chain_heads (organization_id, chain_seq, hash) VALUES (?, ?, ?) "
          "ON CONFLICT (organization_id) DO UPDATE SET chain_seq = excluded.chain_seq, "
          "hash = excluded.hash",
          r.organizationId, r.chainSeq, r.hash);
}

void SqliteTransaction::insertAudit(const AuditRecord& in) {
  AuditRecord r = in;
  appendToChain(r);
  Statement st(conn_,
               "INSERT INTO audit_records (id, time, organization_id, actor_type, actor_id, "
               "actor_name, action, target_type, target_id, target_name, request_id, "
               "source_address, user_agent, outcome, reason, changes, chain_seq, prev_hash, hash) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(r.id).bind(secs(r.time)).bind(r.organizationId).bind(r.actorType).bind(r.actorId);
  st.bind(r.actorName).bind(r.action).bind(r.targetType).bind(r.targetId).bind(r.targetName);
  st.bind(r.requestId).bind(r.sourceAddress).bind(r.userAgent).bind(r.outcome).bind(r.reason);
  st.bind(changesToJson(r.changes)).bind(r.chainSeq).bind(r.prevHash).bind(r.hash);
  st.run();
}

std::vector<AuditRecord> SqliteTransaction::listAudit(std::string_view orgId, core::Timestamp from,
                                                      core::Timestamp to) {
  Statement st(conn_, std::string("SELECT ") + kAuditColumns +
                          " FROM audit_records WHERE organization_id = ? AND time >= ? AND "
                          "time < ? ORDER BY chain_seq");
  st.bind(orgId).bind(secs(from)).bind(secs(to));
  std::vector<AuditRecord> out;
  while (st.step()) out.push_back(readAuditRow(st));
  return out;
}

std::vector<AuditRecord> SqliteTransaction::listAuditChain(std::string_view orgId,
                                                           std::int64_t afterSeq,
                                                           std::size_t limit) {
  Statement st(conn_, std::string("SELECT ") + kAuditColumns +
                          " FROM audit_records WHERE organization_id = ? AND chain_seq > ? "
                          "ORDER BY chain_seq LIMIT ?");
  st.bind(orgId).bind(afterSeq).bind(static_cast<std::int64_t>(limit));
  std::vector<AuditRecord> out;
  while (st.step()) out.push_back(readAuditRow(st));
  return out;
}

std::optional<AuditChainHead> SqliteTransaction::findAuditChainHead(std::string_view orgId) {
  Statement st(conn_, "SELECT chain_seq, hash FROM audit_chain_heads WHERE organization_id = ?");
  st.bind(orgId);
  if (!st.step()) return std::nullopt;
  return AuditChainHead{st.int64(0), st.text(1)};
}

std::vector<std::string> SqliteTransaction::listAuditOrganizations() {
  Statement st(conn_,
               "SELECT organization_id FROM audit_chain_heads UNION "
               "SELECT DISTINCT organization_id FROM audit_records ORDER BY 1");
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

void SqliteTransaction::chainUnchainedAuditRecords() {
  std::vector<std::pair<std::int64_t, AuditRecord>> rows;
  {
    Statement st(conn_, std::string("SELECT ") + kAuditColumns +
                            ", seq FROM audit_records WHERE hash IS NULL ORDER BY seq");
    // The chain columns are NULL here (read as 0 and ""); seq is the 20th column.
    while (st.step()) rows.emplace_back(st.int64(19), readAuditRow(st));
  }
  for (auto& [seq, r] : rows) {
    appendToChain(r);
    execute(conn_, "UPDATE audit_records SET chain_seq = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            r.chainSeq, r.prevHash, r.hash, seq);
  }
}

// ---------------------------------------------------------------- members

void SqliteTransaction::updateUser(const UserRecord& user) {
  Statement st(conn_,
               "UPDATE users SET full_name = ?, avatar_url = ?, status = ?, updated_at = ? "
               "WHERE id = ?");
  st.bind(user.fullName).bind(user.avatarUrl).bind(user.status).bind(secs(user.updatedAt));
  st.bind(user.id);
  st.run();
  if (st.changes() == 0) throw StoreError(StoreError::Kind::Conflict, "updateUser: no such user");
}

core::Page<MemberRecord> SqliteTransaction::listMembers(std::string_view orgId,
                                                        const core::ListQuery& query) {
  core::Page<MemberRecord> page;
  page.limit = query.limit;
  page.offset = query.offset;
  {
    Statement st(conn_, "SELECT COUNT(*) FROM memberships WHERE organization_id = ?");
    st.bind(orgId);
    if (st.step()) page.totalCount = st.int64(0);
  }
  Statement st(conn_,
               std::string(kMemberSelect) + " WHERE m.organization_id = ?" +
                   orderBy(query, memberSortColumn, "u.created_at", "u.rowid", "listMembers") +
                   " LIMIT ? OFFSET ?");
  st.bind(orgId).bind(static_cast<std::int64_t>(query.limit));
  st.bind(static_cast<std::int64_t>(query.offset));
  while (st.step()) page.items.push_back(readMember(st));
  return page;
}

std::optional<MemberRecord> SqliteTransaction::findMember(std::string_view orgId,
                                                          std::string_view userId) {
  Statement st(conn_,
               std::string(kMemberSelect) + " WHERE m.organization_id = ? AND m.user_id = ?");
  st.bind(orgId).bind(userId);
  if (!st.step()) return std::nullopt;
  return readMember(st);
}

std::int64_t SqliteTransaction::countActiveOwners(std::string_view orgId) {
  Statement st(conn_,
               "SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id "
               "WHERE m.organization_id = ? AND m.role = 'ORGANIZATION_OWNER' "
               "AND m.status = 'ACTIVE' AND u.status = 'ACTIVE'");
  st.bind(orgId);
  return st.step() ? st.int64(0) : 0;
}

bool SqliteTransaction::removeMember(std::string_view orgId, std::string_view userId) {
  execute(conn_,
          "DELETE FROM team_members WHERE user_id = ?1 AND team_id IN "
          "(SELECT id FROM teams WHERE organization_id = ?2)",
          userId, orgId);
  execute(conn_,
          "DELETE FROM workspace_roles WHERE subject_type = 'USER' AND subject_id = ?1 "
          "AND workspace_id IN (SELECT id FROM workspaces WHERE organization_id = ?2)",
          userId, orgId);
  execute(conn_, "DELETE FROM invites WHERE organization_id = ? AND user_id = ?", orgId, userId);
  return execute(conn_, "DELETE FROM memberships WHERE organization_id = ? AND user_id = ?", orgId,
                 userId) > 0;
}

// ---------------------------------------------------------------- invites

void SqliteTransaction::insertInvite(const InviteRecord& r) {
  Statement st(conn_, "INSERT INTO invites (" + std::string(kInviteColumns) +
                          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(r.id).bind(r.organizationId).bind(r.email).bind(core::toString(r.role)).bind(r.userId);
  st.bind(secs(r.createdAt)).bind(secs(r.expiresAt));
  bindProfile(st, r.inviter);
  st.run();
}

std::optional<InviteRecord> SqliteTransaction::findInvite(std::string_view orgId,
                                                          std::string_view inviteId) {
  Statement st(conn_, "SELECT " + std::string(kInviteColumns) +
                          " FROM invites WHERE organization_id = ? AND id = ?");
  st.bind(orgId).bind(inviteId);
  if (!st.step()) return std::nullopt;
  return readInvite(st);
}

std::vector<InviteRecord> SqliteTransaction::listInvitesOfUser(std::string_view orgId,
                                                               std::string_view userId) {
  Statement st(conn_, "SELECT " + std::string(kInviteColumns) +
                          " FROM invites WHERE organization_id = ? AND user_id = ? "
                          "ORDER BY created_at, id");
  st.bind(orgId).bind(userId);
  std::vector<InviteRecord> out;
  while (st.step()) out.push_back(readInvite(st));
  return out;
}

bool SqliteTransaction::deleteInvite(std::string_view orgId, std::string_view inviteId) {
  return execute(conn_, "DELETE FROM invites WHERE organization_id = ? AND id = ?", orgId,
                 inviteId) > 0;
}

// ---------------------------------------------------------------- workspaces

void SqliteTransaction::insertWorkspace(const core::Workspace& w) {
  Statement st(conn_, "INSERT INTO workspaces (" + std::string(kWorkspaceColumns) +
                          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(w.id).bind(w.organizationId).bind(w.name).bindOpt(w.description);
  st.bind(w.cicdEnforcedDefault ? 1 : 0).bind(secs(w.createdAt)).bind(secs(w.updatedAt));
  bindProfile(st, w.createdBy);
  bindProfile(st, w.updatedBy);
  st.run();
}

void SqliteTransaction::updateWorkspace(const core::Workspace& w) {
  Statement st(conn_,
               "UPDATE workspaces SET name = ?, description = ?, cicd_enforced_default = ?, "
               "updated_at = ?, updated_by_id = ?, updated_by_type = ?, "
               "updated_by_full_name = ?, updated_by_username = ?, updated_by_avatar_url = ?, "
               "updated_by_api_token_name = ? WHERE organization_id = ? AND id = ?");
  st.bind(w.name).bindOpt(w.description).bind(w.cicdEnforcedDefault ? 1 : 0);
  st.bind(secs(w.updatedAt));
  bindProfile(st, w.updatedBy);
  st.bind(w.organizationId).bind(w.id);
  st.run();
  if (st.changes() == 0)
    throw StoreError(StoreError::Kind::Conflict, "updateWorkspace: no such workspace");
}

bool SqliteTransaction::deleteWorkspace(std::string_view orgId, std::string_view workspaceId) {
  if (!findWorkspace(orgId, workspaceId)) return false;
  execute(conn_, "DELETE FROM workspace_roles WHERE workspace_id = ?", workspaceId);
  // Only tokens of this organization can hold a role on it.
  execute(conn_,
          "DELETE FROM api_token_roles WHERE entity_type = 'WORKSPACE' AND entity_id = ?1 "
          "AND token_id IN (SELECT id FROM api_tokens WHERE organization_id = ?2)",
          workspaceId, orgId);
  return execute(conn_, "DELETE FROM workspaces WHERE organization_id = ? AND id = ?", orgId,
                 workspaceId) > 0;
}

std::optional<core::Workspace> SqliteTransaction::findWorkspace(std::string_view orgId,
                                                                std::string_view workspaceId) {
  Statement st(conn_, "SELECT " + std::string(kWorkspaceColumns) +
                          " FROM workspaces WHERE organization_id = ? AND id = ?");
  st.bind(orgId).bind(workspaceId);
  if (!st.step()) return std::nullopt;
  return readWorkspace(st);
}

core::Page<core::Workspace> SqliteTransaction::listWorkspaces(std::string_view orgId,
                                                              const WorkspaceFilter& filter,
                                                              const core::ListQuery& query) {
  core::Page<core::Workspace> page;
  page.limit = query.limit;
  page.offset = query.offset;
  // Built from placeholders only; the values are bound below in the same order.
  std::string where = " WHERE organization_id = ?";
  auto inList = [](std::size_t n) {
    std::string s = "(";
    for (std::size_t i = 0; i < n; ++i) s += i == 0 ? "?" : ", ?";
    return s + ")";
  };
  if (!filter.ids.empty()) where += " AND id IN " + inList(filter.ids.size());
  if (!filter.names.empty()) where += " AND name IN " + inList(filter.names.size());
  if (filter.visibleToUserId)
    where +=
        " AND (EXISTS (SELECT 1 FROM workspace_roles r WHERE r.workspace_id = workspaces.id AND "
        "r.subject_type = 'USER' AND r.subject_id = ?) OR EXISTS (SELECT 1 FROM workspace_roles "
        "r JOIN team_members tm ON tm.team_id = r.subject_id WHERE r.workspace_id = "
        "workspaces.id AND r.subject_type = 'TEAM' AND tm.user_id = ?))";
  if (filter.visibleToTokenId)
    where +=
        " AND EXISTS (SELECT 1 FROM api_token_roles r WHERE r.token_id = ? AND "
        "r.entity_type = 'WORKSPACE' AND r.entity_id = workspaces.id)";
  auto bindWhere = [&](Statement& st) {
    st.bind(orgId);
    for (const auto& id : filter.ids) st.bind(id);
    for (const auto& n : filter.names) st.bind(n);
    if (filter.visibleToUserId) st.bind(*filter.visibleToUserId).bind(*filter.visibleToUserId);
    if (filter.visibleToTokenId) st.bind(*filter.visibleToTokenId);
  };
  {
    Statement st(conn_, "SELECT COUNT(*) FROM workspaces" + where);
    bindWhere(st);
    if (st.step()) page.totalCount = st.int64(0);
  }
  Statement st(conn_,
               "SELECT " + std::string(kWorkspaceColumns) + " FROM workspaces" + where +
                   orderBy(query, workspaceSortColumn, "created_at", "rowid", "listWorkspaces") +
                   " LIMIT ? OFFSET ?");
  bindWhere(st);
  st.bind(static_cast<std::int64_t>(query.limit)).bind(static_cast<std::int64_t>(query.offset));
  while (st.step()) page.items.push_back(readWorkspace(st));
  return page;
}

// ---------------------------------------------------------------- workspace roles

std::vector<core::WorkspaceRoleEntry> SqliteTransaction::listWorkspaceRoles(
    std::string_view orgId, std::string_view subjectType, std::string_view subjectId) {
  Statement st(conn_,
               "SELECT r.workspace_id, r.role FROM workspace_roles r JOIN workspaces w ON "
               "w.id = r.workspace_id WHERE w.organization_id = ? AND r.subject_type = ? AND "
               "r.subject_id = ? ORDER BY r.workspace_id");
  st.bind(orgId).bind(subjectType).bind(subjectId);
  std::vector<core::WorkspaceRoleEntry> out;
  while (st.step()) out.push_back({st.text(0), st.text(1)});
  return out;
}

void SqliteTransaction::replaceWorkspaceRoles(std::string_view orgId, std::string_view subjectType,
                                              std::string_view subjectId,
                                              const std::vector<core::WorkspaceRoleEntry>& roles) {
  execute(conn_,
          "DELETE FROM workspace_roles WHERE subject_type = ?1 AND subject_id = ?2 AND "
          "workspace_id IN (SELECT id FROM workspaces WHERE organization_id = ?3)",
          subjectType, subjectId, orgId);
  for (const auto& r : roles) {
    Statement st(conn_,
                 "INSERT INTO workspace_roles (workspace_id, subject_type, subject_id, role) "
                 "VALUES (?, ?, ?, ?)");
    st.bind(r.workspaceId).bind(subjectType).bind(subjectId).bind(r.role);
    st.run();
  }
}

std::vector<std::string> SqliteTransaction::workspaceRolesOfUser(std::string_view workspaceId,
                                                                 std::string_view userId) {
  Statement st(conn_,
               "SELECT role FROM workspace_roles WHERE workspace_id = ?1 AND subject_type = "
               "'USER' AND subject_id = ?2 UNION ALL SELECT r.role FROM workspace_roles r JOIN "
               "team_members tm ON tm.team_id = r.subject_id WHERE r.workspace_id = ?1 AND "
               "r.subject_type = 'TEAM' AND tm.user_id = ?2");
  st.bind(workspaceId).bind(userId);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

// ---------------------------------------------------------------- teams

void SqliteTransaction::insertTeam(const core::Team& t) {
  Statement st(conn_, "INSERT INTO teams (" + std::string(kTeamColumns) +
                          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(t.id).bind(t.organizationId).bind(t.name).bindOpt(t.description);
  st.bind(t.isIdpManaged ? 1 : 0).bind(t.organizationRole);
  st.bind(secs(t.createdAt)).bind(secs(t.updatedAt));
  bindProfile(st, t.createdBy);
  bindProfile(st, t.updatedBy);
  st.run();
}

void SqliteTransaction::updateTeam(const core::Team& t) {
  Statement st(conn_,
               "UPDATE teams SET name = ?, description = ?, organization_role = ?, "
               "updated_at = ?, updated_by_id = ?, updated_by_type = ?, "
               "updated_by_full_name = ?, updated_by_username = ?, updated_by_avatar_url = ?, "
               "updated_by_api_token_name = ? WHERE organization_id = ? AND id = ?");
  st.bind(t.name).bindOpt(t.description).bind(t.organizationRole).bind(secs(t.updatedAt));
  bindProfile(st, t.updatedBy);
  st.bind(t.organizationId).bind(t.id);
  st.run();
  if (st.changes() == 0) throw StoreError(StoreError::Kind::Conflict, "updateTeam: no such team");
}

bool SqliteTransaction::deleteTeam(std::string_view orgId, std::string_view teamId) {
  if (!findTeam(orgId, teamId)) return false;
  execute(conn_, "DELETE FROM team_members WHERE team_id = ?", teamId);
  execute(conn_, "DELETE FROM workspace_roles WHERE subject_type = 'TEAM' AND subject_id = ?",
          teamId);
  return execute(conn_, "DELETE FROM teams WHERE organization_id = ? AND id = ?", orgId, teamId) >
         0;
}

std::optional<core::Team> SqliteTransaction::findTeam(std::string_view orgId,
                                                      std::string_view teamId) {
  Statement st(conn_, "SELECT " + std::string(kTeamColumns) +
                          " FROM teams WHERE organization_id = ? AND id = ?");
  st.bind(orgId).bind(teamId);
  if (!st.step()) return std::nullopt;
  return readTeam(st);
}

std::optional<core::Team> SqliteTransaction::findTeamByName(std::string_view orgId,
                                                            std::string_view name) {
  Statement st(conn_, "SELECT " + std::string(kTeamColumns) +
                          " FROM teams WHERE organization_id = ? AND lower(name) = lower(?)");
  st.bind(orgId).bind(name);
  if (!st.step()) return std::nullopt;
  return readTeam(st);
}

core::Page<core::Team> SqliteTransaction::listTeams(std::string_view orgId,
                                                    const core::TeamListFilter& filter,
                                                    const core::ListQuery& query) {
  core::Page<core::Team> page;
  page.limit = query.limit;
  page.offset = query.offset;
  std::string where = " WHERE organization_id = ?";
  if (!filter.names.empty()) {
    where += " AND lower(name) IN (";
    for (std::size_t i = 0; i < filter.names.size(); ++i)
      where += i == 0 ? "lower(?)" : ", lower(?)";
    where += ")";
  }
  auto bindWhere = [&](Statement& st) {
    st.bind(orgId);
    for (const auto& n : filter.names) st.bind(n);
  };
  {
    Statement st(conn_, "SELECT COUNT(*) FROM teams" + where);
    bindWhere(st);
    if (st.step()) page.totalCount = st.int64(0);
  }
  Statement st(conn_, "SELECT " + std::string(kTeamColumns) + " FROM teams" + where +
                          orderBy(query, teamSortColumn, "created_at", "rowid", "listTeams") +
                          " LIMIT ? OFFSET ?");
  bindWhere(st);
  st.bind(static_cast<std::int64_t>(query.limit)).bind(static_cast<std::int64_t>(query.offset));
  while (st.step()) page.items.push_back(readTeam(st));
  return page;
}

std::vector<core::Team> SqliteTransaction::listTeamsOfUser(std::string_view orgId,
                                                           std::string_view userId) {
  Statement st(conn_, "SELECT " + std::string(kTeamColumns) +
                          " FROM teams WHERE organization_id = ? AND id IN (SELECT team_id FROM "
                          "team_members WHERE user_id = ?) ORDER BY id");
  st.bind(orgId).bind(userId);
  std::vector<core::Team> out;
  while (st.step()) out.push_back(readTeam(st));
  return out;
}

bool SqliteTransaction::addTeamMember(std::string_view teamId, std::string_view userId,
                                      core::Timestamp at) {
  return execute(conn_,
                 "INSERT INTO team_members (team_id, user_id, created_at) VALUES (?, ?, ?) "
                 "ON CONFLICT (team_id, user_id) DO NOTHING",
                 teamId, userId, secs(at)) > 0;
}

bool SqliteTransaction::removeTeamMember(std::string_view teamId, std::string_view userId) {
  return execute(conn_, "DELETE FROM team_members WHERE team_id = ? AND user_id = ?", teamId,
                 userId) > 0;
}

bool SqliteTransaction::isTeamMember(std::string_view teamId, std::string_view userId) {
  Statement st(conn_, "SELECT 1 FROM team_members WHERE team_id = ? AND user_id = ?");
  st.bind(teamId).bind(userId);
  return st.step();
}

core::Page<core::TeamMember> SqliteTransaction::listTeamMembers(std::string_view teamId,
                                                                const core::ListQuery& query) {
  core::Page<core::TeamMember> page;
  page.limit = query.limit;
  page.offset = query.offset;
  {
    Statement st(conn_, "SELECT COUNT(*) FROM team_members WHERE team_id = ?");
    st.bind(teamId);
    if (st.step()) page.totalCount = st.int64(0);
  }
  Statement st(
      conn_,
      "SELECT u.id, u.email, u.full_name, u.avatar_url, m.created_at FROM team_members m "
      "JOIN users u ON u.id = m.user_id WHERE m.team_id = ?" +
          orderBy(query, teamMemberSortColumn, "m.created_at", "u.rowid", "listTeamMembers") +
          " LIMIT ? OFFSET ?");
  st.bind(teamId).bind(static_cast<std::int64_t>(query.limit));
  st.bind(static_cast<std::int64_t>(query.offset));
  while (st.step()) {
    core::TeamMember m;
    m.userId = st.text(0);
    m.username = st.text(1);
    m.fullName = st.text(2);
    m.avatarUrl = st.text(3);
    m.createdAt = ts(st.int64(4));
    page.items.push_back(std::move(m));
  }
  return page;
}

}  // namespace astro::store::sqlite
