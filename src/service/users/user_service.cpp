#include "service/users/user_service.h"

#include "core/roles/roles.h"
#include "service/access/access_rules.h"
#include "service/access/org_access.h"

namespace astro::service {
namespace {

using Mode = store::Store::Mode;

constexpr std::string_view kTargetType = "USER";
constexpr std::string_view kManageAction = "manage the organization's users";
const std::vector<std::string_view> kUserSortFields{"createdAt", "fullName", "id", "updatedAt",
                                                    "username"};

core::User toUser(store::Transaction& tx, const store::MemberRecord& m) {
  core::User u;
  u.id = m.user.id;
  u.username = m.user.email;
  u.fullName = m.user.fullName;
  u.avatarUrl = m.user.avatarUrl;
  u.status = m.membership.status == "PENDING" ? "PENDING" : m.user.status;
  u.createdAt = m.user.createdAt;
  u.updatedAt = m.user.updatedAt;
  u.organizationRole = std::string(core::toString(m.membership.role));
  auto ws = tx.workspaces().listRoles(m.membership.organizationId, store::kGrantUser, m.user.id);
  if (!ws.empty()) u.workspaceRoles = std::move(ws);
  return u;
}

core::Error userNotFound() {
  return core::Error::notFound(std::string(kUserNotFoundMessage));
}

// The target is the last ACTIVE user holding ORGANIZATION_OWNER directly.
bool isLastOwner(store::Transaction& tx, const store::MemberRecord& m) {
  return m.membership.role == core::OrgRole::Owner && m.membership.status == "ACTIVE" &&
         m.user.status == "ACTIVE" &&
         tx.users().countActiveOwners(m.membership.organizationId) <= 1;
}

}  // namespace

UserService::UserService(store::Store& store, const Clock& clock, const AuditLog& audit)
    : store_(store), clock_(clock), audit_(audit) {}

core::Result<core::SelfUser> UserService::self(const Caller& caller) {
  if (caller.subject.type != core::SubjectType::User)
    return core::Error::forbidden(std::string(kSelfNeedsUserMessage));
  return atServiceBoundary([&]() -> core::Result<core::SelfUser> {
    auto tx = store_.begin(Mode::Read);
    auto user = tx->users().find(caller.subject.id);
    if (!user) return userNotFound();
    core::SelfUser out;
    out.id = user->id;
    out.username = user->email;
    out.fullName = user->fullName;
    out.avatarUrl = user->avatarUrl;
    out.status = user->status;
    out.createdAt = user->createdAt;
    out.updatedAt = user->updatedAt;
    for (const auto& m : tx->users().listMembershipsOfUser(user->id)) {
      if (m.status != "ACTIVE") continue;
      out.organizationId = m.organizationId;
      core::SubjectRoles roles;
      roles.organizationRole = std::string(core::toString(m.role));
      auto ws = tx->workspaces().listRoles(m.organizationId, store::kGrantUser, user->id);
      if (!ws.empty()) roles.workspaceRoles = std::move(ws);
      out.roles = std::move(roles);
      break;
    }
    return out;
  });
}

core::Result<core::Page<core::User>> UserService::list(const Caller& caller, std::string_view orgId,
                                                       const core::ListQuery& query) {
  AuditAttempt attempt(audit_, caller, orgId, "user.list", std::string(kTargetType), "");
  return atServiceBoundary([&]() -> core::Result<core::Page<core::User>> {
    auto tx = store_.begin(Mode::Read);
    auto role = authorize(*tx, caller, orgId, core::Permission::OrganizationRead,
                          "see the organization's users", attempt);
    if (!role) return role.error();
    auto errors = validateListQuery(query, kUserSortFields);
    if (!errors.empty()) return invalidInput(std::move(errors));
    auto members = tx->users().listMembers(orgId, query);
    core::Page<core::User> page;
    page.limit = query.limit;
    page.offset = query.offset;
    page.totalCount = members.totalCount;
    page.items.reserve(members.items.size());
    for (const auto& m : members.items) page.items.push_back(toUser(*tx, m));
    return page;
  });
}

core::Result<core::User> UserService::get(const Caller& caller, std::string_view orgId,
                                          std::string_view userId) {
  AuditAttempt attempt(audit_, caller, orgId, "user.get", std::string(kTargetType), userId);
  return atServiceBoundary([&]() -> core::Result<core::User> {
    auto tx = store_.begin(Mode::Read);
    auto role = authorize(*tx, caller, orgId, core::Permission::OrganizationRead,
                          "see the organization's users", attempt);
    if (!role) return role.error();
    auto member = tx->users().findMember(orgId, userId);
    if (!member) return userNotFound();
    return toUser(*tx, *member);
  });
}

core::Result<core::SubjectRoles> UserService::updateRoles(
    const Caller& caller, std::string_view orgId, std::string_view userId,
    const core::UpdateUserRolesRequest& request) {
  AuditAttempt attempt(audit_, caller, orgId, "user.updateRoles", std::string(kTargetType), userId);
  return authorizedWrite(
      store_, caller, orgId, core::Permission::UserManage, kManageAction, attempt,
      [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<core::SubjectRoles> {
        auto newRole = checkRolesRequest(
            *tx, caller, orgId, callerRole, request.organizationRole, request.workspaceRoles,
            request.deploymentRoles,
            "organizationRole is required (workspace roles require it too)", attempt);
        if (!newRole) return newRole.error();

        auto member = tx->users().findMember(orgId, userId);
        if (!member) return userNotFound();
        attempt.record().targetName = member->user.email;
        if (*newRole != core::OrgRole::Owner && isLastOwner(*tx, *member))
          return attempt.fail(core::Error::conflict(std::string(kLastOwnerMessage)));

        const core::Timestamp now = clock_.now();
        const core::OrgRole oldRole = member->membership.role;
        const auto oldWs = tx->workspaces().listRoles(orgId, store::kGrantUser, userId);
        store::MembershipRecord m = member->membership;
        m.role = *newRole;
        m.updatedAt = now;
        tx->users().upsertMembership(m);
        if (request.workspaceRoles)
          tx->workspaces().replaceRoles(orgId, store::kGrantUser, userId, *request.workspaceRoles);
        const auto newWs = tx->workspaces().listRoles(orgId, store::kGrantUser, userId);

        auto& rec = attempt.record();
        if (oldRole != *newRole)
          rec.changes.push_back(AuditLog::change("organizationRole",
                                                 jsonText(core::toString(oldRole)),
                                                 jsonText(core::toString(*newRole))));
        if (oldWs != newWs)
          rec.changes.push_back(AuditLog::change("workspaceRoles", jsonWorkspaceRoles(oldWs),
                                                 jsonWorkspaceRoles(newWs)));
        attempt.succeed(*tx);
        tx->commit();

        core::SubjectRoles out;
        out.organizationRole = std::string(core::toString(*newRole));
        out.workspaceRoles = newWs;
        return out;
      });
}

core::Result<void> UserService::remove(const Caller& caller, std::string_view orgId,
                                       std::string_view userId) {
  AuditAttempt attempt(audit_, caller, orgId, "user.remove", std::string(kTargetType), userId);
  return authorizedWrite(
      store_, caller, orgId, core::Permission::UserManage, kManageAction, attempt,
      [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<void> {
        auto member = tx->users().findMember(orgId, userId);
        if (!member) return userNotFound();
        attempt.record().targetName = member->user.email;
        if (isLastOwner(*tx, *member))
          return attempt.fail(core::Error::conflict(std::string(kLastOwnerMessage)));

        const auto ws = tx->workspaces().listRoles(orgId, store::kGrantUser, userId);
        std::vector<std::string> teamIds;
        for (const auto& t : tx->teams().listOfUser(orgId, userId)) teamIds.push_back(t.id);
        if (!tx->users().removeMember(orgId, userId)) return userNotFound();

        auto& rec = attempt.record();
        rec.changes.push_back(AuditLog::change(
            "organizationRole", jsonText(core::toString(member->membership.role)), std::nullopt));
        rec.changes.push_back(
            AuditLog::change("status", jsonText(member->membership.status), std::nullopt));
        if (!teamIds.empty())
          rec.changes.push_back(AuditLog::change("teamIds", jsonArray(teamIds), std::nullopt));
        if (!ws.empty())
          rec.changes.push_back(
              AuditLog::change("workspaceRoles", jsonWorkspaceRoles(ws), std::nullopt));
        attempt.succeed(*tx);
        tx->commit();
        return {};
      });
}

}  // namespace astro::service
