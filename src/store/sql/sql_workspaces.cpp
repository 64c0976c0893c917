#include "store/sql/sql_resources.h"

#include "store/change_keys.h"
#include "store/sql/sql_rows.h"

namespace astro::store::sql {
namespace {

std::optional<std::string_view> workspaceSortColumn(std::string_view f) {
  if (f == "createdAt") return "created_at";
  if (f == "name") return "name";
  if (f == "updatedAt") return "updated_at";
  return std::nullopt;
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

}  // namespace

// ---------------------------------------------------------------- workspaces

void SqlWorkspaces::insert(const core::Workspace& w) {
  Statement st(conn_, "INSERT INTO workspaces (seq, " + std::string(kWorkspaceColumns) +
                          ") VALUES (" + nextSeq(conn_.dialect(), "workspaces") +
                          ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(w.id).bind(w.organizationId).bind(w.name).bindOpt(w.description);
  st.bind(w.cicdEnforcedDefault ? 1 : 0).bind(secs(w.createdAt)).bind(secs(w.updatedAt));
  bindProfile(st, w.createdBy);
  bindProfile(st, w.updatedBy);
  st.run();
}

void SqlWorkspaces::update(const core::Workspace& w) {
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
    throw StoreError(StoreError::Kind::NotFound, "Workspaces::update: no such workspace");
}

bool SqlWorkspaces::remove(std::string_view orgId, std::string_view workspaceId) {
  if (!find(orgId, workspaceId)) return false;
  execute(conn_, "DELETE FROM workspace_roles WHERE workspace_id = ?", workspaceId);
  {
    // The tokens that lose a role on it change: what authenticates them and what shows them.
    Statement st(conn_,
                 "SELECT DISTINCT t.id, t.value_hash FROM api_tokens t JOIN api_token_roles r ON "
                 "r.token_id = t.id WHERE t.organization_id = ? AND r.entity_type = 'WORKSPACE' "
                 "AND r.entity_id = ?");
    st.bind(orgId).bind(workspaceId);
    bool any = false;
    while (st.step()) {
      changes_.add(changes::tokenHash(st.text(1)));
      changes_.add(changes::token(orgId, st.text(0)));
      any = true;
    }
    if (any) changes_.add(changes::tokenPages(orgId));
  }
  // Only tokens of this organization can hold a role on it.
  execute(conn_,
          "DELETE FROM api_token_roles WHERE entity_type = 'WORKSPACE' AND entity_id = ?1 "
          "AND token_id IN (SELECT id FROM api_tokens WHERE organization_id = ?2)",
          workspaceId, orgId);
  return execute(conn_, "DELETE FROM workspaces WHERE organization_id = ? AND id = ?", orgId,
                 workspaceId) > 0;
}

std::optional<core::Workspace> SqlWorkspaces::find(std::string_view orgId,
                                                   std::string_view workspaceId) {
  Statement st(conn_, "SELECT " + std::string(kWorkspaceColumns) +
                          " FROM workspaces WHERE organization_id = ? AND id = ?");
  st.bind(orgId).bind(workspaceId);
  if (!st.step()) return std::nullopt;
  return readWorkspace(st);
}

core::Page<core::Workspace> SqlWorkspaces::list(std::string_view orgId,
                                                const WorkspaceFilter& filter,
                                                const core::ListQuery& query) {
  static constexpr ListShape kShape{kWorkspaceColumns, "workspaces", workspaceSortColumn,
                                    "created_at",      "seq",        "Workspaces::list"};
  Filter where("organization_id = ?", orgId);
  where.andIn("id", filter.ids).andIn("name", filter.names);
  if (filter.visibleToUserId)
    where.andWhere(
        "(EXISTS (SELECT 1 FROM workspace_roles r WHERE r.workspace_id = workspaces.id AND "
        "r.subject_type = 'USER' AND r.subject_id = ?) OR EXISTS (SELECT 1 FROM workspace_roles "
        "r JOIN team_members tm ON tm.team_id = r.subject_id WHERE r.workspace_id = "
        "workspaces.id AND r.subject_type = 'TEAM' AND tm.user_id = ?))",
        {*filter.visibleToUserId, *filter.visibleToUserId});
  if (filter.visibleToTokenId)
    where.andWhere(
        "EXISTS (SELECT 1 FROM api_token_roles r WHERE r.token_id = ? AND "
        "r.entity_type = 'WORKSPACE' AND r.entity_id = workspaces.id)",
        {*filter.visibleToTokenId});
  return listPage<core::Workspace>(conn_, kShape, where, query, readWorkspace);
}

// ---------------------------------------------------------------- workspace roles

std::vector<core::WorkspaceRoleEntry> SqlWorkspaces::listRoles(std::string_view orgId,
                                                               std::string_view subjectType,
                                                               std::string_view subjectId) {
  Statement st(conn_,
               "SELECT r.workspace_id, r.role FROM workspace_roles r JOIN workspaces w ON "
               "w.id = r.workspace_id WHERE w.organization_id = ? AND r.subject_type = ? AND "
               "r.subject_id = ? ORDER BY r.workspace_id");
  st.bind(orgId).bind(subjectType).bind(subjectId);
  std::vector<core::WorkspaceRoleEntry> out;
  while (st.step()) out.push_back({st.text(0), st.text(1)});
  return out;
}

void SqlWorkspaces::replaceRoles(std::string_view orgId, std::string_view subjectType,
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

std::vector<std::string> SqlWorkspaces::rolesOfUser(std::string_view workspaceId,
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

}  // namespace astro::store::sql
