#include "service/workspaces/workspace_service.h"

#include "core/ids.h"
#include "core/roles/roles.h"
#include "core/validation/access_validation.h"
#include "service/access/access_rules.h"
#include "service/access/org_access.h"

namespace astro::service {
namespace {

using Mode = store::Store::Mode;

constexpr std::string_view kTargetType = "WORKSPACE";
const std::vector<std::string_view> kWorkspaceSortFields{"createdAt", "name", "updatedAt"};

core::Error workspaceNotFound() {
  return core::Error::notFound(std::string(kWorkspaceNotFoundMessage));
}

std::optional<std::string> optJson(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return jsonText(*s);
}
std::string boolJson(bool b) {
  return b ? "true" : "false";
}

// The workspace when the caller sees it (404 otherwise) and owns it (an audited 403 otherwise);
// `verb` completes "cannot <verb> the workspace".
core::Result<core::Workspace> ownedWorkspace(store::Transaction& tx, const Caller& caller,
                                             std::string_view orgId, std::string_view workspaceId,
                                             core::OrgRole orgRole, AuditAttempt& attempt,
                                             std::string_view verb) {
  auto found = tx.workspaces().find(orgId, workspaceId);
  auto wsRole =
      found ? callerWorkspaceRole(tx, caller.subject, orgId, workspaceId, orgRole) : std::nullopt;
  if (!found || !wsRole) return workspaceNotFound();
  attempt.record().targetName = found->name;
  if (*wsRole != core::WorkspaceRole::Owner)
    return attempt.deny(core::Error::forbidden("permission denied: " +
                                               std::string(core::toString(*wsRole)) + " cannot " +
                                               std::string(verb) + " the workspace"));
  return std::move(*found);
}

}  // namespace

WorkspaceService::WorkspaceService(store::Store& store, const Clock& clock,
                                   core::RandomBytes random, const AuditLog& audit)
    : store_(store), clock_(clock), random_(std::move(random)), audit_(audit) {}

core::Result<core::Page<core::Workspace>> WorkspaceService::list(const Caller& caller,
                                                                 std::string_view orgId,
                                                                 const WorkspaceListFilter& filter,
                                                                 const core::ListQuery& query) {
  AuditAttempt attempt(audit_, caller, orgId, "workspace.list", std::string(kTargetType), "");
  return atServiceBoundary([&]() -> core::Result<core::Page<core::Workspace>> {
    auto tx = store_.begin(Mode::Read);
    auto role = authorize(*tx, caller, orgId, core::Permission::OrganizationRead,
                          "see the organization's workspaces", attempt);
    if (!role) return role.error();
    auto errors = validateListQuery(query, kWorkspaceSortFields);
    if (!errors.empty()) return invalidInput(std::move(errors));
    store::WorkspaceFilter f;
    f.ids = filter.workspaceIds;
    f.names = filter.names;
    if (*role != core::OrgRole::Owner) {
      if (caller.subject.type == core::SubjectType::ServiceKey)
        f.visibleToTokenId = caller.subject.id;
      else
        f.visibleToUserId = caller.subject.id;
    }
    auto page = tx->workspaces().list(orgId, f, query);
    if (auto org = tx->organizations().find(orgId))
      for (auto& w : page.items) w.organizationName = org->name;
    return page;
  });
}

core::Result<core::Workspace> WorkspaceService::create(
    const Caller& caller, std::string_view orgId, const core::CreateWorkspaceRequest& request) {
  AuditAttempt attempt(audit_, caller, orgId, "workspace.create", std::string(kTargetType), "",
                       request.name);
  return atServiceBoundary([&]() -> core::Result<core::Workspace> {
    auto tx = store_.begin(Mode::Write);
    auto role = authorize(*tx, caller, orgId, core::Permission::WorkspaceCreate,
                          "create workspaces", attempt);
    if (!role) return role.error();
    std::vector<core::FieldError> errors;
    core::validateNameAndDescription(request.name, request.description, "workspace name", errors);
    if (!errors.empty()) return attempt.fail(invalidInput(std::move(errors)));
    auto org = tx->organizations().find(orgId);
    if (!org) return core::Error::notFound(std::string(kOrganizationNotFoundMessage));

    const core::Timestamp now = clock_.now();
    core::Workspace w;
    w.id = core::generateId(random_);
    w.name = request.name;
    w.organizationId = std::string(orgId);
    w.description = request.description;
    w.cicdEnforcedDefault = request.cicdEnforcedDefault.value_or(false);
    w.createdAt = now;
    w.updatedAt = now;
    w.createdBy = caller.subject.profile;
    w.updatedBy = caller.subject.profile;
    tx->workspaces().insert(w);

    auto& rec = attempt.record();
    rec.targetId = w.id;
    rec.changes.push_back(AuditLog::change("name", std::nullopt, jsonText(w.name)));
    if (w.description)
      rec.changes.push_back(AuditLog::change("description", std::nullopt, optJson(w.description)));
    rec.changes.push_back(
        AuditLog::change("cicdEnforcedDefault", std::nullopt, boolJson(w.cicdEnforcedDefault)));
    if (caller.subject.type == core::SubjectType::User) {
      // The creating user owns what they made (an organization OWNER owns it anyway).
      auto roles = tx->workspaces().listRoles(orgId, store::kGrantUser, caller.subject.id);
      roles.push_back({w.id, std::string(core::toString(core::WorkspaceRole::Owner))});
      tx->workspaces().replaceRoles(orgId, store::kGrantUser, caller.subject.id, roles);
      rec.changes.push_back(AuditLog::change("creatorWorkspaceRole", std::nullopt,
                                             jsonText(core::toString(core::WorkspaceRole::Owner))));
    }
    attempt.succeed(*tx);
    tx->commit();
    w.organizationName = org->name;
    return w;
  });
}

core::Result<core::Workspace> WorkspaceService::get(const Caller& caller, std::string_view orgId,
                                                    std::string_view workspaceId) {
  AuditAttempt attempt(audit_, caller, orgId, "workspace.get", std::string(kTargetType),
                       workspaceId);
  return atServiceBoundary([&]() -> core::Result<core::Workspace> {
    auto tx = store_.begin(Mode::Read);
    auto role = authorize(*tx, caller, orgId, core::Permission::OrganizationRead,
                          "see the organization's workspaces", attempt);
    if (!role) return role.error();
    auto w = tx->workspaces().find(orgId, workspaceId);
    // A workspace the caller holds no role on does not exist for it.
    if (!w || !callerWorkspaceRole(*tx, caller.subject, orgId, workspaceId, *role))
      return workspaceNotFound();
    if (auto org = tx->organizations().find(orgId)) w->organizationName = org->name;
    return std::move(*w);
  });
}

core::Result<core::Workspace> WorkspaceService::update(
    const Caller& caller, std::string_view orgId, std::string_view workspaceId,
    const core::UpdateWorkspaceRequest& request) {
  AuditAttempt attempt(audit_, caller, orgId, "workspace.update", std::string(kTargetType),
                       workspaceId);
  return atServiceBoundary([&]() -> core::Result<core::Workspace> {
    auto tx = store_.begin(Mode::Write);
    auto role = authorize(*tx, caller, orgId, core::Permission::OrganizationRead,
                          "see the organization's workspaces", attempt);
    if (!role) return role.error();
    std::vector<core::FieldError> errors;
    core::validateNameAndDescription(request.name, request.description, "workspace name", errors);
    if (!errors.empty()) return attempt.fail(invalidInput(std::move(errors)));
    auto found = ownedWorkspace(*tx, caller, orgId, workspaceId, *role, attempt, "update");
    if (!found) return found.error();
    core::Workspace w = *found;
    w.name = request.name;
    if (request.description) w.description = request.description;
    if (request.cicdEnforcedDefault) w.cicdEnforcedDefault = *request.cicdEnforcedDefault;
    w.updatedAt = clock_.now();
    w.updatedBy = caller.subject.profile;
    tx->workspaces().update(w);

    auto& rec = attempt.record();
    rec.targetName = w.name;
    if (found->name != w.name)
      rec.changes.push_back(AuditLog::change("name", jsonText(found->name), jsonText(w.name)));
    if (found->description != w.description)
      rec.changes.push_back(
          AuditLog::change("description", optJson(found->description), optJson(w.description)));
    if (found->cicdEnforcedDefault != w.cicdEnforcedDefault)
      rec.changes.push_back(AuditLog::change("cicdEnforcedDefault",
                                             boolJson(found->cicdEnforcedDefault),
                                             boolJson(w.cicdEnforcedDefault)));
    attempt.succeed(*tx);
    if (auto org = tx->organizations().find(orgId)) w.organizationName = org->name;
    tx->commit();
    return w;
  });
}

core::Result<void> WorkspaceService::remove(const Caller& caller, std::string_view orgId,
                                            std::string_view workspaceId) {
  AuditAttempt attempt(audit_, caller, orgId, "workspace.delete", std::string(kTargetType),
                       workspaceId);
  return atServiceBoundary([&]() -> core::Result<void> {
    auto tx = store_.begin(Mode::Write);
    auto role = authorize(*tx, caller, orgId, core::Permission::OrganizationRead,
                          "see the organization's workspaces", attempt);
    if (!role) return role.error();
    auto found = ownedWorkspace(*tx, caller, orgId, workspaceId, *role, attempt, "delete");
    if (!found) return found.error();
    if (!tx->workspaces().remove(orgId, workspaceId)) return workspaceNotFound();
    attempt.record().changes.push_back(
        AuditLog::change("name", jsonText(found->name), std::nullopt));
    attempt.succeed(*tx);
    tx->commit();
    return {};
  });
}

}  // namespace astro::service
