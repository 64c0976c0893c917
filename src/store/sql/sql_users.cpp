#include "store/sql/sql_resources.h"

#include "store/sql/sql_rows.h"

namespace astro::store::sql {
namespace {

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

std::optional<std::string_view> memberSortColumn(std::string_view f) {
  if (f == "createdAt") return "u.created_at";
  if (f == "fullName") return "u.full_name";
  if (f == "id") return "u.id";
  if (f == "updatedAt") return "u.updated_at";
  if (f == "username") return "u.email";
  return std::nullopt;
}

constexpr std::string_view kMemberColumns =
    "u.id, u.email, u.full_name, u.avatar_url, u.status, u.created_at, u.updated_at, "
    "m.organization_id, m.user_id, m.role, m.created_at, m.updated_at, m.status";
constexpr std::string_view kMemberFrom = "memberships m JOIN users u ON u.id = m.user_id";

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

}  // namespace

// ---------------------------------------------------------------- users, memberships

void SqlUsers::insert(const UserRecord& user) {
  Statement st(conn_, "INSERT INTO users (seq, " + std::string(kUserColumns) + ") VALUES (" +
                          nextSeq(conn_.dialect(), "users") + ", ?, ?, ?, ?, ?, ?, ?)");
  st.bind(user.id).bind(user.email).bind(user.fullName).bind(user.avatarUrl).bind(user.status);
  st.bind(secs(user.createdAt)).bind(secs(user.updatedAt));
  st.run();
}

std::optional<UserRecord> SqlUsers::find(std::string_view id) {
  Statement st(conn_, "SELECT " + std::string(kUserColumns) + " FROM users WHERE id = ?");
  st.bind(id);
  if (!st.step()) return std::nullopt;
  return readUser(st);
}

std::optional<UserRecord> SqlUsers::findByEmail(std::string_view email) {
  Statement st(conn_, "SELECT " + std::string(kUserColumns) + " FROM users WHERE email = ?");
  st.bind(email);
  if (!st.step()) return std::nullopt;
  return readUser(st);
}

void SqlUsers::upsertMembership(const MembershipRecord& m) {
  Statement st(conn_,
               "INSERT INTO memberships (organization_id, user_id, role, created_at, updated_at, "
               "status) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (organization_id, user_id) DO "
               "UPDATE SET role = excluded.role, updated_at = excluded.updated_at, "
               "status = excluded.status");
  st.bind(m.organizationId).bind(m.userId).bind(core::toString(m.role));
  st.bind(secs(m.createdAt)).bind(secs(m.updatedAt)).bind(m.status);
  st.run();
}

std::optional<MembershipRecord> SqlUsers::findMembership(std::string_view orgId,
                                                         std::string_view userId) {
  Statement st(
      conn_,
      "SELECT organization_id, user_id, role, created_at, updated_at, status FROM memberships "
      "WHERE organization_id = ? AND user_id = ?");
  st.bind(orgId).bind(userId);
  if (!st.step()) return std::nullopt;
  return readMembership(st);
}

std::vector<MembershipRecord> SqlUsers::listMembershipsOfUser(std::string_view userId) {
  Statement st(
      conn_,
      "SELECT organization_id, user_id, role, created_at, updated_at, status FROM memberships "
      "WHERE user_id = ? ORDER BY created_at, organization_id");
  st.bind(userId);
  std::vector<MembershipRecord> out;
  while (st.step()) out.push_back(readMembership(st));
  return out;
}

// ---------------------------------------------------------------- members

void SqlUsers::update(const UserRecord& user) {
  Statement st(conn_,
               "UPDATE users SET full_name = ?, avatar_url = ?, status = ?, updated_at = ? "
               "WHERE id = ?");
  st.bind(user.fullName).bind(user.avatarUrl).bind(user.status).bind(secs(user.updatedAt));
  st.bind(user.id);
  st.run();
  if (st.changes() == 0)
    throw StoreError(StoreError::Kind::NotFound, "Users::update: no such user");
}

core::Page<MemberRecord> SqlUsers::listMembers(std::string_view orgId,
                                               const core::ListQuery& query) {
  static constexpr ListShape kShape{kMemberColumns, kMemberFrom, memberSortColumn,
                                    "u.created_at", "u.seq",     "Users::listMembers"};
  return listPage<MemberRecord>(conn_, kShape, Filter("m.organization_id = ?", orgId), query,
                                readMember);
}

std::optional<MemberRecord> SqlUsers::findMember(std::string_view orgId, std::string_view userId) {
  Statement st(conn_, "SELECT " + std::string(kMemberColumns) + " FROM " +
                          std::string(kMemberFrom) +
                          " WHERE m.organization_id = ? AND m.user_id = ?");
  st.bind(orgId).bind(userId);
  if (!st.step()) return std::nullopt;
  return readMember(st);
}

std::int64_t SqlUsers::countActiveOwners(std::string_view orgId) {
  Statement st(conn_,
               "SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id "
               "WHERE m.organization_id = ? AND m.role = 'ORGANIZATION_OWNER' "
               "AND m.status = 'ACTIVE' AND u.status = 'ACTIVE'");
  st.bind(orgId);
  return st.step() ? st.int64(0) : 0;
}

bool SqlUsers::removeMember(std::string_view orgId, std::string_view userId) {
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

}  // namespace astro::store::sql
