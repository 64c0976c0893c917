#include "store/sql/sql_resources.h"

#include "store/sql/sql_rows.h"

namespace astro::store::sql {
namespace {

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

// ---------------------------------------------------------------- invites

void SqlInvites::insert(const InviteRecord& r) {
  Statement st(conn_, "INSERT INTO invites (" + std::string(kInviteColumns) +
                          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(r.id).bind(r.organizationId).bind(r.email).bind(core::toString(r.role)).bind(r.userId);
  st.bind(secs(r.createdAt)).bind(secs(r.expiresAt));
  bindProfile(st, r.inviter);
  st.run();
}

std::optional<InviteRecord> SqlInvites::find(std::string_view orgId, std::string_view inviteId) {
  Statement st(conn_, "SELECT " + std::string(kInviteColumns) +
                          " FROM invites WHERE organization_id = ? AND id = ?");
  st.bind(orgId).bind(inviteId);
  if (!st.step()) return std::nullopt;
  return readInvite(st);
}

std::vector<InviteRecord> SqlInvites::listOfUser(std::string_view orgId, std::string_view userId) {
  Statement st(conn_, "SELECT " + std::string(kInviteColumns) +
                          " FROM invites WHERE organization_id = ? AND user_id = ? "
                          "ORDER BY created_at, id");
  st.bind(orgId).bind(userId);
  std::vector<InviteRecord> out;
  while (st.step()) out.push_back(readInvite(st));
  return out;
}

bool SqlInvites::remove(std::string_view orgId, std::string_view inviteId) {
  return execute(conn_, "DELETE FROM invites WHERE organization_id = ? AND id = ?", orgId,
                 inviteId) > 0;
}

}  // namespace astro::store::sql
