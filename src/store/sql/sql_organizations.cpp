#include "store/sql/sql_resources.h"

#include "store/sql/sql_rows.h"

namespace astro::store::sql {
namespace {

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

}  // namespace

// ---------------------------------------------------------------- organizations

void SqlOrganizations::insert(const core::Organization& org) {
  Statement st(conn_, "INSERT INTO organizations (" + std::string(kOrgColumns) +
                          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(org.id).bind(org.name).bind(org.product).bind(org.status);
  st.bind(secs(org.createdAt)).bind(secs(org.updatedAt));
  bindProfile(st, org.createdBy);
  bindProfile(st, org.updatedBy);
  st.run();
}

void SqlOrganizations::update(const core::Organization& org) {
  Statement st(conn_,
               "UPDATE organizations SET name = ?, product = ?, status = ?, updated_at = ?, "
               "updated_by_id = ?, updated_by_type = ?, updated_by_full_name = ?, "
               "updated_by_username = ?, updated_by_avatar_url = ?, "
               "updated_by_api_token_name = ? WHERE id = ?");
  st.bind(org.name).bind(org.product).bind(org.status).bind(secs(org.updatedAt));
  bindProfile(st, org.updatedBy);
  st.bind(org.id);
  st.run();
  if (st.changes() == 0)
    throw StoreError(StoreError::Kind::NotFound, "Organizations::update: no such organization");
}

std::optional<core::Organization> SqlOrganizations::find(std::string_view id) {
  Statement st(conn_, "SELECT " + std::string(kOrgColumns) + " FROM organizations WHERE id = ?");
  st.bind(id);
  if (!st.step()) return std::nullopt;
  return readOrganization(st);
}

std::vector<core::Organization> SqlOrganizations::list() {
  Statement st(
      conn_, "SELECT " + std::string(kOrgColumns) + " FROM organizations ORDER BY created_at, id");
  std::vector<core::Organization> out;
  while (st.step()) out.push_back(readOrganization(st));
  return out;
}

}  // namespace astro::store::sql
