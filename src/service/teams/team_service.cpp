#include "service/teams/team_service.h"

#include <algorithm>
#include <set>

#include "core/ids.h"
#include "core/roles/roles.h"
#include "core/validation/access_validation.h"
#include "service/access/access_rules.h"
#include "service/access/org_access.h"
#include "service/users/user_service.h"

namespace astro::service {
namespace {

using Mode = store::Store::Mode;

constexpr std::string_view kTargetType = "TEAM";
constexpr std::string_view kManageAction = "manage teams";
constexpr std::string_view kReadAction = "see the organization's teams";
const std::vector<std::string_view> kTeamSortFields{"createdAt", "description", "name",
                                                    "updatedAt"};
const std::vector<std::string_view> kMemberSortFields{"createdAt", "fullName", "userId",
                                                      "username"};

core::Error teamNotFound() {
  return core::Error::notFound(std::string(kTeamNotFoundMessage));
}

core::Error duplicateName(const std::string& name) {
  return core::Error::conflict("a team named \"" + name + "\" already exists in this organization");
}

core::Team withRoles(store::Transaction& tx, core::Team t) {
  t.workspaceRoles = tx.workspaces().listRoles(t.organizationId, store::kGrantTeam, t.id);
  return t;
}

// Field errors for member IDs: each must be ID-shaped (checked before it is echoed) and a member
// (active or invited) of the organization.
void validateMemberIds(store::Transaction& tx, std::string_view orgId,
                       const std::vector<std::string>& ids, std::vector<core::FieldError>& errors) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string field = "memberIds[" + std::to_string(i) + "]";
    if (!core::isCuid(ids[i]))
      errors.push_back({"invalid", field, std::string(core::kNotAnIdMessage)});
    else if (!tx.users().findMembership(orgId, ids[i]))
      errors.push_back(
          {"invalid", field, "user " + ids[i] + " is not a member of this organization"});
  }
}

std::vector<std::string> unique(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& id : ids)
    if (seen.insert(id).second) out.push_back(id);
  return out;
}

std::vector<std::string> memberIdsOf(store::Transaction& tx, std::string_view teamId) {
  std::vector<std::string> ids;
  core::ListQuery q;
  q.limit = core::kMaxPageLimit;
  q.sorts = {{"userId", false}};
  for (;;) {
    auto page = tx.teams().listMembers(teamId, q);
    for (auto& m : page.items) ids.push_back(std::move(m.userId));
    if (page.items.empty() || static_cast<std::int64_t>(ids.size()) >= page.totalCount) break;
    q.offset += q.limit;
  }
  return ids;
}

}  // namespace

TeamService::TeamService(store::Store& store, const Clock& clock, core::RandomBytes random,
                         const AuditLog& audit)
    : store_(store), clock_(clock), random_(std::move(random)), audit_(audit) {}

core::Result<core::Page<core::Team>> TeamService::list(const Caller& caller, std::string_view orgId,
                                                       const core::TeamListFilter& filter,
                                                       const core::ListQuery& query) {
  AuditAttempt attempt(audit_, caller, orgId, "team.list", std::string(kTargetType), "");
  return atServiceBoundary([&]() -> core::Result<core::Page<core::Team>> {
    auto tx = store_.begin(Mode::Read);
    auto role =
        authorize(*tx, caller, orgId, core::Permission::OrganizationRead, kReadAction, attempt);
    if (!role) return role.error();
    auto errors = validateListQuery(query, kTeamSortFields);
    if (!errors.empty()) return invalidInput(std::move(errors));
    auto page = tx->teams().list(orgId, filter, query);
    for (auto& t : page.items) t = withRoles(*tx, std::move(t));
    return page;
  });
}

core::Result<core::Team> TeamService::create(const Caller& caller, std::string_view orgId,
                                             const core::CreateTeamRequest& request) {
  AuditAttempt attempt(audit_, caller, orgId, "team.create", std::string(kTargetType), "",
                       request.name);
  return authorizedWrite(
      store_, caller, orgId, core::Permission::TeamManage, kManageAction, attempt,
      [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<core::Team> {
        std::vector<core::FieldError> errors;
        core::validateNameAndDescription(request.name, request.description, "team name", errors);
        const std::string roleText = request.organizationRole.value_or("ORGANIZATION_MEMBER");
        auto role = core::parseOrgRole(roleText);
        if (!role)
          errors.push_back({"invalid", "organizationRole",
                            "organizationRole must be " + std::string(kOrgRolesList)});
        const auto members = unique(request.memberIds.value_or(std::vector<std::string>{}));
        validateMemberIds(*tx, orgId, members, errors);
        if (!errors.empty()) return attempt.fail(invalidInput(std::move(errors)));
        if (auto denied = checkOrgGrant(callerRole, *role)) return attempt.deny(*denied);
        if (tx->teams().findByName(orgId, request.name))
          return attempt.fail(duplicateName(request.name));

        const core::Timestamp now = clock_.now();
        core::Team t;
        t.id = core::generateId(random_);
        t.name = request.name;
        t.organizationId = std::string(orgId);
        t.description = request.description;
        t.organizationRole = std::string(core::toString(*role));
        t.createdAt = now;
        t.updatedAt = now;
        t.createdBy = caller.subject.profile;
        t.updatedBy = caller.subject.profile;
        tx->teams().insert(t);
        for (const auto& id : members) tx->teams().addMember(t.id, id, now);

        auto& rec = attempt.record();
        rec.targetId = t.id;
        rec.changes.push_back(AuditLog::change("name", std::nullopt, jsonText(t.name)));
        if (t.description)
          rec.changes.push_back(
              AuditLog::change("description", std::nullopt, jsonText(*t.description)));
        rec.changes.push_back(
            AuditLog::change("organizationRole", std::nullopt, jsonText(t.organizationRole)));
        if (!members.empty())
          rec.changes.push_back(AuditLog::change("memberIds", std::nullopt, jsonArray(members)));
        attempt.succeed(*tx);
        tx->commit();
        t.workspaceRoles = std::vector<core::WorkspaceRoleEntry>{};
        return t;
      });
}

core::Result<core::Team> TeamService::get(const Caller& caller, std::string_view orgId,
                                          std::string_view teamId) {
  AuditAttempt attempt(audit_, caller, orgId, "team.get", std::string(kTargetType), teamId);
  return atServiceBoundary([&]() -> core::Result<core::Team> {
    auto tx = store_.begin(Mode::Read);
    auto role =
        authorize(*tx, caller, orgId, core::Permission::OrganizationRead, kReadAction, attempt);
    if (!role) return role.error();
    auto team = tx->teams().find(orgId, teamId);
    if (!team) return teamNotFound();
    return withRoles(*tx, std::move(*team));
  });
}

core::Result<core::Team> TeamService::update(const Caller& caller, std::string_view orgId,
                                             std::string_view teamId,
                                             const core::UpdateTeamRequest& request) {
  AuditAttempt attempt(audit_, caller, orgId, "team.update", std::string(kTargetType), teamId);
  return authorizedWrite(
      store_, caller, orgId, core::Permission::TeamManage, kManageAction, attempt,
      [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<core::Team> {
        std::vector<core::FieldError> errors;
        core::validateNameAndDescription(request.name, request.description, "team name", errors);
        if (!errors.empty()) return attempt.fail(invalidInput(std::move(errors)));

        auto found = tx->teams().find(orgId, teamId);
        if (!found) return teamNotFound();
        attempt.record().targetName = found->name;
        if (auto other = tx->teams().findByName(orgId, request.name);
            other && other->id != found->id)
          return attempt.fail(duplicateName(request.name));
        // Changing a team changes what its members may do: not above the caller's own role.
        if (auto role = core::parseOrgRole(found->organizationRole))
          if (auto denied = checkOrgGrant(callerRole, *role)) return attempt.deny(*denied);

        core::Team t = *found;
        t.name = request.name;
        if (request.description) t.description = request.description;
        t.updatedAt = clock_.now();
        t.updatedBy = caller.subject.profile;
        tx->teams().update(t);

        auto& rec = attempt.record();
        rec.targetName = t.name;
        if (found->name != t.name)
          rec.changes.push_back(AuditLog::change("name", jsonText(found->name), jsonText(t.name)));
        if (found->description != t.description)
          rec.changes.push_back(AuditLog::change(
              "description",
              found->description ? std::optional(jsonText(*found->description)) : std::nullopt,
              t.description ? std::optional(jsonText(*t.description)) : std::nullopt));
        core::Team out = withRoles(*tx, std::move(t));
        attempt.succeed(*tx);
        tx->commit();
        return out;
      });
}

core::Result<void> TeamService::remove(const Caller& caller, std::string_view orgId,
                                       std::string_view teamId) {
  AuditAttempt attempt(audit_, caller, orgId, "team.delete", std::string(kTargetType), teamId);
  return authorizedWrite(
      store_, caller, orgId, core::Permission::TeamManage, kManageAction, attempt,
      [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<void> {
        auto found = tx->teams().find(orgId, teamId);
        if (!found) return teamNotFound();
        attempt.record().targetName = found->name;
        const auto members = memberIdsOf(*tx, teamId);
        const auto ws = tx->workspaces().listRoles(orgId, store::kGrantTeam, teamId);
        if (!tx->teams().remove(orgId, teamId)) return teamNotFound();

        auto& rec = attempt.record();
        rec.changes.push_back(AuditLog::change("name", jsonText(found->name), std::nullopt));
        rec.changes.push_back(
            AuditLog::change("organizationRole", jsonText(found->organizationRole), std::nullopt));
        if (!members.empty())
          rec.changes.push_back(AuditLog::change("memberIds", jsonArray(members), std::nullopt));
        if (!ws.empty())
          rec.changes.push_back(
              AuditLog::change("workspaceRoles", jsonWorkspaceRoles(ws), std::nullopt));
        attempt.succeed(*tx);
        tx->commit();
        return {};
      });
}

core::Result<core::Page<core::TeamMember>> TeamService::listMembers(const Caller& caller,
                                                                    std::string_view orgId,
                                                                    std::string_view teamId,
                                                                    const core::ListQuery& query) {
  AuditAttempt attempt(audit_, caller, orgId, "team.listMembers", std::string(kTargetType), teamId);
  return atServiceBoundary([&]() -> core::Result<core::Page<core::TeamMember>> {
    auto tx = store_.begin(Mode::Read);
    auto role =
        authorize(*tx, caller, orgId, core::Permission::OrganizationRead, kReadAction, attempt);
    if (!role) return role.error();
    auto errors = validateListQuery(query, kMemberSortFields);
    if (!errors.empty()) return invalidInput(std::move(errors));
    if (!tx->teams().find(orgId, teamId)) return teamNotFound();
    return tx->teams().listMembers(teamId, query);
  });
}

core::Result<void> TeamService::addMembers(const Caller& caller, std::string_view orgId,
                                           std::string_view teamId,
                                           const core::AddTeamMembersRequest& request) {
  AuditAttempt attempt(audit_, caller, orgId, "team.addMembers", std::string(kTargetType), teamId);
  return authorizedWrite(
      store_, caller, orgId, core::Permission::TeamManage, kManageAction, attempt,
      [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<void> {
        std::vector<core::FieldError> errors;
        const auto ids = unique(request.memberIds);
        if (ids.empty()) errors.push_back({"required", "memberIds", "memberIds must not be empty"});
        validateMemberIds(*tx, orgId, ids, errors);
        if (!errors.empty()) return attempt.fail(invalidInput(std::move(errors)));
        auto found = tx->teams().find(orgId, teamId);
        if (!found) return teamNotFound();
        attempt.record().targetName = found->name;
        // Membership hands out the team's role: not above the caller's own.
        if (auto role = core::parseOrgRole(found->organizationRole))
          if (auto denied = checkOrgGrant(callerRole, *role)) return attempt.deny(*denied);

        const core::Timestamp now = clock_.now();
        std::vector<std::string> added;
        for (const auto& id : ids)
          if (tx->teams().addMember(teamId, id, now)) added.push_back(id);
        if (!added.empty()) {
          attempt.record().changes.push_back(
              AuditLog::change("memberIds", std::nullopt, jsonArray(added)));
          attempt.succeed(*tx);
        }
        tx->commit();
        return {};
      });
}

core::Result<void> TeamService::removeMember(const Caller& caller, std::string_view orgId,
                                             std::string_view teamId, std::string_view userId) {
  AuditAttempt attempt(audit_, caller, orgId, "team.removeMember", std::string(kTargetType),
                       teamId);
  return authorizedWrite(store_, caller, orgId, core::Permission::TeamManage, kManageAction,
                         attempt,
                         [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<void> {
                           auto found = tx->teams().find(orgId, teamId);
                           if (!found) return teamNotFound();
                           attempt.record().targetName = found->name;
                           if (!tx->teams().removeMember(teamId, userId))
                             return core::Error::notFound(std::string(kUserNotFoundMessage));
                           attempt.record().changes.push_back(AuditLog::change(
                               "memberId", jsonText(std::string(userId)), std::nullopt));
                           attempt.succeed(*tx);
                           tx->commit();
                           return {};
                         });
}

core::Result<core::SubjectRoles> TeamService::updateRoles(
    const Caller& caller, std::string_view orgId, std::string_view teamId,
    const core::UpdateTeamRolesRequest& request) {
  AuditAttempt attempt(audit_, caller, orgId, "team.updateRoles", std::string(kTargetType), teamId);
  return authorizedWrite(
      store_, caller, orgId, core::Permission::TeamManage, kManageAction, attempt,
      [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<core::SubjectRoles> {
        auto role = checkRolesRequest(*tx, caller, orgId, callerRole,
                                      request.organizationRole.empty()
                                          ? std::nullopt
                                          : std::optional<std::string>(request.organizationRole),
                                      request.workspaceRoles, request.deploymentRoles,
                                      "organizationRole is required", attempt);
        if (!role) return role.error();

        auto found = tx->teams().find(orgId, teamId);
        if (!found) return teamNotFound();
        attempt.record().targetName = found->name;
        const auto oldWs = tx->workspaces().listRoles(orgId, store::kGrantTeam, teamId);
        core::Team t = *found;
        t.organizationRole = std::string(core::toString(*role));
        t.updatedAt = clock_.now();
        t.updatedBy = caller.subject.profile;
        tx->teams().update(t);
        if (request.workspaceRoles)
          tx->workspaces().replaceRoles(orgId, store::kGrantTeam, teamId, *request.workspaceRoles);
        const auto newWs = tx->workspaces().listRoles(orgId, store::kGrantTeam, teamId);

        auto& rec = attempt.record();
        if (found->organizationRole != t.organizationRole)
          rec.changes.push_back(AuditLog::change(
              "organizationRole", jsonText(found->organizationRole), jsonText(t.organizationRole)));
        if (oldWs != newWs)
          rec.changes.push_back(AuditLog::change("workspaceRoles", jsonWorkspaceRoles(oldWs),
                                                 jsonWorkspaceRoles(newWs)));
        attempt.succeed(*tx);
        tx->commit();

        core::SubjectRoles out;
        out.organizationRole = t.organizationRole;
        out.workspaceRoles = newWs;
        return out;
      });
}

}  // namespace astro::service
