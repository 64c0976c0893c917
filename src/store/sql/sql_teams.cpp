#include "store/sql/sql_resources.h"

#include "store/sql/sql_rows.h"

namespace astro::store::sql {
namespace {

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

}  // namespace

// ---------------------------------------------------------------- teams

void SqlTeams::insert(const core::Team& t) {
  Statement st(conn_, "INSERT INTO teams (seq, " + std::string(kTeamColumns) + ") VALUES (" +
                          nextSeq(conn_.dialect(), "teams") +
                          ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(t.id).bind(t.organizationId).bind(t.name).bindOpt(t.description);
  st.bind(t.isIdpManaged ? 1 : 0).bind(t.organizationRole);
  st.bind(secs(t.createdAt)).bind(secs(t.updatedAt));
  bindProfile(st, t.createdBy);
  bindProfile(st, t.updatedBy);
  st.run();
}

void SqlTeams::update(const core::Team& t) {
  Statement st(conn_,
               "UPDATE teams SET name = ?, description = ?, organization_role = ?, "
               "updated_at = ?, updated_by_id = ?, updated_by_type = ?, "
               "updated_by_full_name = ?, updated_by_username = ?, updated_by_avatar_url = ?, "
               "updated_by_api_token_name = ? WHERE organization_id = ? AND id = ?");
  st.bind(t.name).bindOpt(t.description).bind(t.organizationRole).bind(secs(t.updatedAt));
  bindProfile(st, t.updatedBy);
  st.bind(t.organizationId).bind(t.id);
  st.run();
  if (st.changes() == 0)
    throw StoreError(StoreError::Kind::NotFound, "Teams::update: no such team");
}

bool SqlTeams::remove(std::string_view orgId, std::string_view teamId) {
  if (!find(orgId, teamId)) return false;
  execute(conn_, "DELETE FROM team_members WHERE team_id = ?", teamId);
  execute(conn_, "DELETE FROM workspace_roles WHERE subject_type = 'TEAM' AND subject_id = ?",
          teamId);
  return execute(conn_, "DELETE FROM teams WHERE organization_id = ? AND id = ?", orgId, teamId) >
         0;
}

std::optional<core::Team> SqlTeams::find(std::string_view orgId, std::string_view teamId) {
  Statement st(conn_, "SELECT " + std::string(kTeamColumns) +
                          " FROM teams WHERE organization_id = ? AND id = ?");
  st.bind(orgId).bind(teamId);
  if (!st.step()) return std::nullopt;
  return readTeam(st);
}

std::optional<core::Team> SqlTeams::findByName(std::string_view orgId, std::string_view name) {
  Statement st(conn_, "SELECT " + std::string(kTeamColumns) +
                          " FROM teams WHERE organization_id = ? AND lower(name) = " +
                          std::string(lowerParam(conn_.dialect())));
  st.bind(orgId).bind(name);
  if (!st.step()) return std::nullopt;
  return readTeam(st);
}

core::Page<core::Team> SqlTeams::list(std::string_view orgId, const core::TeamListFilter& filter,
                                      const core::ListQuery& query) {
  static constexpr ListShape kShape{kTeamColumns, "teams", teamSortColumn,
                                    "created_at", "seq",   "Teams::list"};
  Filter where("organization_id = ?", orgId);
  where.andIn("lower(name)", filter.names, lowerParam(conn_.dialect()));
  return listPage<core::Team>(conn_, kShape, where, query, readTeam);
}

std::vector<core::Team> SqlTeams::listOfUser(std::string_view orgId, std::string_view userId) {
  Statement st(conn_, "SELECT " + std::string(kTeamColumns) +
                          " FROM teams WHERE organization_id = ? AND id IN (SELECT team_id FROM "
                          "team_members WHERE user_id = ?) ORDER BY id");
  st.bind(orgId).bind(userId);
  std::vector<core::Team> out;
  while (st.step()) out.push_back(readTeam(st));
  return out;
}

bool SqlTeams::addMember(std::string_view teamId, std::string_view userId, core::Timestamp at) {
  return execute(conn_,
                 "INSERT INTO team_members (team_id, user_id, created_at) VALUES (?, ?, ?) "
                 "ON CONFLICT (team_id, user_id) DO NOTHING",
                 teamId, userId, secs(at)) > 0;
}

bool SqlTeams::removeMember(std::string_view teamId, std::string_view userId) {
  return execute(conn_, "DELETE FROM team_members WHERE team_id = ? AND user_id = ?", teamId,
                 userId) > 0;
}

bool SqlTeams::isMember(std::string_view teamId, std::string_view userId) {
  Statement st(conn_, "SELECT 1 FROM team_members WHERE team_id = ? AND user_id = ?");
  st.bind(teamId).bind(userId);
  return st.step();
}

core::Page<core::TeamMember> SqlTeams::listMembers(std::string_view teamId,
                                                   const core::ListQuery& query) {
  static constexpr ListShape kShape{"u.id, u.email, u.full_name, u.avatar_url, m.created_at",
                                    "team_members m JOIN users u ON u.id = m.user_id",
                                    teamMemberSortColumn,
                                    "m.created_at",
                                    "u.seq",
                                    "Teams::listMembers"};
  return listPage<core::TeamMember>(conn_, kShape, Filter("m.team_id = ?", teamId), query,
                                    [](const Statement& st) {
                                      core::TeamMember m;
                                      m.userId = st.text(0);
                                      m.username = st.text(1);
                                      m.fullName = st.text(2);
                                      m.avatarUrl = st.text(3);
                                      m.createdAt = ts(st.int64(4));
                                      return m;
                                    });
}

}  // namespace astro::store::sql
