#include "service/tokens/token_service.h"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <optional>
#include <set>
#include <utility>

#include "core/ids.h"
#include "core/json/api_json.h"
#include "core/roles/roles.h"
#include "core/tokens/token_codec.h"
#include "core/tokens/token_validation.h"
#include "service/access/access_rules.h"
#include "service/access/org_access.h"
#include "service/audit/audit_attempt.h"
#include "store/change_keys.h"

namespace astro::service {
namespace {

using Mode = store::Store::Mode;

constexpr std::string_view kManageAction = "manage organization API tokens";
constexpr std::string_view kTargetType = "API_TOKEN";
const std::vector<std::string_view> kTokenSortFields{"createdAt", "description", "name",
                                                     "tokenStartAt", "updatedAt"};

std::string rolesJson(const std::vector<core::ApiTokenRole>& roles) {
  boost::json::array arr;
  for (const auto& r : roles) arr.emplace_back(core::toJson(r));
  return boost::json::serialize(arr);
}

core::Timestamp plusDays(core::Timestamp t, int days) {
  return t + std::chrono::seconds{std::int64_t{days} * 86400};
}

std::optional<core::OrgRole> tokenOrgRole(const store::TokenRecord& r) {
  for (const auto& role : r.token.roles)
    if (role.entityType == "ORGANIZATION" && role.entityId == r.organizationId)
      return core::parseOrgRole(role.role);
  return std::nullopt;
}

// Every token call's audit context: target type API_TOKEN.
class Attempt : public AuditAttempt {
 public:
  Attempt(const AuditLog& audit, const Caller& caller, std::string_view orgId, std::string action,
          std::string_view targetId)
      : AuditAttempt(audit, caller, orgId, std::move(action), std::string(kTargetType), targetId) {}
};

// The caller may manage this organization's tokens: its role, or 404 (outside) / 403 (denied).
core::Result<core::OrgRole> authorizeManage(store::Transaction& tx, const Caller& caller,
                                            std::string_view orgId, Attempt& attempt) {
  return authorize(tx, caller, orgId, core::Permission::ApiTokenManage, kManageAction, attempt);
}

// Every change to a token: the shared frame (service boundary, write transaction, permission
// check with its refusal audited), then `body(tx, callerRole)`.
template <typename Body>
auto manageWrite(store::Store& store, const Caller& caller, std::string_view orgId,
                 Attempt& attempt, Body&& body) {
  return authorizedWrite(store, caller, orgId, core::Permission::ApiTokenManage, kManageAction,
                         attempt, std::forward<Body>(body));
}

// The page cache's key: everything that selects and orders the page.
std::string tokenPageKey(std::string_view orgId, const core::TokenListFilter& filter,
                         const core::ListQuery& query) {
  std::string key(orgId);
  key.append(filter.includeOnlyOrganizationTokens ? "|org" : "|all");
  key.append("|ws=").append(filter.workspaceId.value_or("-"));
  key.append("|")
      .append(std::to_string(query.offset))
      .append("+")
      .append(std::to_string(query.limit));
  for (const auto& s : query.sorts)
    key.append("|").append(s.field).append(s.descending ? ":d" : ":a");
  return key;
}

// The name and optional description of a create or update request.
std::vector<core::FieldError> tokenNameErrors(const std::string& name,
                                              const std::optional<std::string>& description) {
  std::vector<core::FieldError> errors;
  if (auto e = core::validateTokenName(name)) errors.push_back(*e);
  if (description)
    if (auto e = core::validateTokenDescription(*description)) errors.push_back(*e);
  return errors;
}

core::Error tokenNotFound() {
  return core::Error::notFound(std::string(kTokenNotFoundMessage));
}

}  // namespace

TokenService::TokenService(store::Store& store, const Clock& clock, core::RandomBytes random,
                           const AuditLog& audit, ServiceSettings settings)
    : store_(store),
      clock_(clock),
      random_(std::move(random)),
      audit_(audit),
      settings_(std::move(settings)),
      tokenCache_(settings_.tokenCacheEntries),
      tokenPageCache_(settings_.tokenPageCacheEntries) {}

core::Result<core::Page<core::ApiToken>> TokenService::list(const Caller& caller,
                                                            std::string_view orgId,
                                                            const core::TokenListFilter& filter,
                                                            const core::ListQuery& query) {
  auto shared = listShared(caller, orgId, filter, query);
  if (!shared) return shared.error();
  return **shared;
}

core::Result<TokenService::SharedPage> TokenService::listShared(const Caller& caller,
                                                                std::string_view orgId,
                                                                const core::TokenListFilter& filter,
                                                                const core::ListQuery& query) {
  Attempt attempt(audit_, caller, orgId, "apiToken.list", "");
  return atServiceBoundary([&]() -> core::Result<SharedPage> {
    // Before anything is read: every page of the organization moves with each token change.
    const std::uint64_t generation = store_.generation(store::changes::tokenPages(orgId));
    auto tx = store_.begin(Mode::Read);  // deferred: reads the database only when asked
    auto role = authorizeManage(*tx, caller, orgId, attempt);
    if (!role) return role.error();
    auto errors = validateListQuery(query, kTokenSortFields);
    if (!errors.empty()) return invalidInput(std::move(errors));
    const std::string key = tokenPageKey(orgId, filter, query);
    if (auto hit = tokenPageCache_.find(key, generation)) return hit;
    auto records = tx->tokens().list(orgId, filter, query);
    auto page = std::make_shared<core::Page<core::ApiToken>>();
    page->limit = query.limit;
    page->offset = query.offset;
    page->totalCount = records.totalCount;
    page->items.reserve(records.items.size());
    for (auto& r : records.items) page->items.push_back(std::move(r.token));
    if (page->items.size() <= kMaxCachedPageItems) tokenPageCache_.put(key, generation, page);
    return SharedPage(std::move(page));
  });
}

core::Result<core::ApiToken> TokenService::get(const Caller& caller, std::string_view orgId,
                                               std::string_view tokenId) {
  auto shared = getShared(caller, orgId, tokenId);
  if (!shared) return shared.error();
  return **shared;
}

core::Result<TokenService::SharedToken> TokenService::getShared(const Caller& caller,
                                                                std::string_view orgId,
                                                                std::string_view tokenId) {
  Attempt attempt(audit_, caller, orgId, "apiToken.get", tokenId);
  return atServiceBoundary([&]() -> core::Result<SharedToken> {
    // Before anything is read.
    const std::uint64_t generation = store_.generation(store::changes::token(orgId, tokenId));
    auto tx = store_.begin(Mode::Read);  // deferred: reads the database only when asked
    auto role = authorizeManage(*tx, caller, orgId, attempt);
    if (!role) return role.error();
    std::string key;
    key.append(orgId).append(1, '/').append(tokenId);
    if (auto hit = tokenCache_.find(key, generation)) return hit;
    auto found = tx->tokens().find(orgId, tokenId);
    if (!found) return tokenNotFound();  // not cached: a token created next must be found
    auto token = std::make_shared<const core::ApiToken>(std::move(found->token));
    tokenCache_.put(key, generation, token);
    return SharedToken(std::move(token));
  });
}

core::Result<core::ApiToken> TokenService::create(const Caller& caller, std::string_view orgId,
                                                  const core::CreateApiTokenRequest& request) {
  Attempt attempt(audit_, caller, orgId, "apiToken.create", "");
  attempt.record().targetName = request.name;
  return manageWrite(
      store_, caller, orgId, attempt,
      [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<core::ApiToken> {
        std::vector<core::FieldError> errors = tokenNameErrors(request.name, request.description);
        auto role = core::parseOrgRole(request.role);
        if (!role)
          errors.push_back({"invalid", "role", "role must be " + std::string(kOrgRolesList)});
        if (request.scope != "ORGANIZATION")
          errors.push_back({"invalid", "scope",
                            "scope must be ORGANIZATION (workspace and deployment tokens are not "
                            "supported by this server)"});
        if (request.entityId && *request.entityId != orgId)
          errors.push_back({"invalid", "entityId", "entityId must be the organization's ID"});
        const std::string kind = request.kind.value_or("STANDARD");
        if (kind != "STANDARD" && kind != "DIRECT_ACCESS")
          errors.push_back({"invalid", "kind", "kind must be STANDARD or DIRECT_ACCESS"});
        if (request.tokenExpiryPeriodInDays)
          if (auto e = core::validateExpiryDays(*request.tokenExpiryPeriodInDays))
            errors.push_back(*e);
        if (!errors.empty()) return attempt.fail(invalidInput(std::move(errors)));
        if (auto denied = checkOrgGrant(callerRole, *role)) return attempt.deny(*denied);

        const core::Timestamp now = clock_.now();
        const std::string value = core::generateTokenValue(core::TokenScopeTag::Organization,
                                                           settings_.tokenInstancePrefix, random_);
        store::TokenRecord rec;
        rec.organizationId = std::string(orgId);
        rec.valueHash = core::hashTokenValue(value);
        core::ApiToken& t = rec.token;
        t.id = core::generateId(random_);
        t.name = request.name;
        t.description = request.description.value_or("");
        t.shortToken = core::shortTokenOf(value);
        t.scope = "ORGANIZATION";
        t.kind = kind;
        t.roles = {
            {"ORGANIZATION", std::string(orgId), std::string(core::toString(*role)), std::nullopt}};
        t.expiryPeriodInDays = request.tokenExpiryPeriodInDays;
        t.startAt = now;
        if (t.expiryPeriodInDays) t.endAt = plusDays(now, *t.expiryPeriodInDays);
        t.createdAt = now;
        t.updatedAt = now;
        t.createdBy = caller.subject.profile;
        t.updatedBy = caller.subject.profile;
        tx->tokens().insert(rec);

        store::AuditRecord& audit = attempt.record();
        audit.targetId = t.id;
        audit.targetName = t.name;
        audit.changes = {
            AuditLog::change("name", std::nullopt, jsonText(t.name)),
            AuditLog::change("description", std::nullopt, jsonText(t.description)),
            AuditLog::change("role", std::nullopt, jsonText(t.roles.front().role)),
            AuditLog::change("scope", std::nullopt, jsonText(t.scope)),
            AuditLog::change("kind", std::nullopt, jsonText(t.kind)),
        };
        if (t.expiryPeriodInDays) {
          audit.changes.push_back(AuditLog::change("expiryPeriodInDays", std::nullopt,
                                                   jsonText(*t.expiryPeriodInDays)));
          audit.changes.push_back(AuditLog::change("endAt", std::nullopt, jsonOpt(t.endAt)));
        }
        attempt.succeed(*tx);
        tx->commit();

        core::ApiToken out = std::move(rec.token);
        out.token = value;  // the only time the value is ever returned
        return out;
      });
}

core::Result<core::ApiToken> TokenService::update(const Caller& caller, std::string_view orgId,
                                                  std::string_view tokenId,
                                                  const core::UpdateApiTokenRequest& request) {
  Attempt attempt(audit_, caller, orgId, "apiToken.update", tokenId);
  return manageWrite(
      store_, caller, orgId, attempt,
      [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<core::ApiToken> {
        std::vector<core::FieldError> errors = tokenNameErrors(request.name, request.description);
        if (request.tokenExpiryPeriodInDays)
          if (auto e = core::validateExpiryDays(*request.tokenExpiryPeriodInDays))
            errors.push_back(*e);
        if (!errors.empty()) return attempt.fail(invalidInput(std::move(errors)));

        auto found = tx->tokens().find(orgId, tokenId);
        if (!found) return tokenNotFound();
        store::TokenRecord rec = *found;
        const core::ApiToken before = found->token;
        core::ApiToken& t = rec.token;
        const core::Timestamp now = clock_.now();
        t.name = request.name;
        if (request.description) t.description = *request.description;
        if (request.tokenExpiryPeriodInDays) {
          t.expiryPeriodInDays = *request.tokenExpiryPeriodInDays;
          t.endAt = plusDays(now, *request.tokenExpiryPeriodInDays);
        }
        t.updatedAt = now;
        t.updatedBy = caller.subject.profile;
        tx->tokens().update(rec);

        store::AuditRecord& audit = attempt.record();
        audit.targetName = t.name;
        if (before.name != t.name)
          audit.changes.push_back(
              AuditLog::change("name", jsonText(before.name), jsonText(t.name)));
        if (before.description != t.description)
          audit.changes.push_back(AuditLog::change("description", jsonText(before.description),
                                                   jsonText(t.description)));
        if (before.expiryPeriodInDays != t.expiryPeriodInDays)
          audit.changes.push_back(AuditLog::change("expiryPeriodInDays",
                                                   jsonOpt(before.expiryPeriodInDays),
                                                   jsonOpt(t.expiryPeriodInDays)));
        if (before.endAt != t.endAt)
          audit.changes.push_back(
              AuditLog::change("endAt", jsonOpt(before.endAt), jsonOpt(t.endAt)));
        attempt.succeed(*tx);
        tx->commit();
        return std::move(rec.token);
      });
}

core::Result<core::SubjectRoles> TokenService::updateRoles(
    const Caller& caller, std::string_view orgId, std::string_view tokenId,
    const core::UpdateApiTokenRolesRequest& request) {
  Attempt attempt(audit_, caller, orgId, "apiToken.updateRoles", tokenId);
  return manageWrite(
      store_, caller, orgId, attempt,
      [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<core::SubjectRoles> {
        std::vector<core::FieldError> errors;
        std::optional<core::OrgRole> orgRole;
        std::set<std::string> workspaces;
        std::vector<core::WorkspaceRoleEntry> workspaceRoles;
        int orgEntries = 0;
        for (std::size_t i = 0; i < request.roles.size(); ++i) {
          const auto& r = request.roles[i];
          const std::string at = "roles[" + std::to_string(i) + "].";
          if (r.entityType == "ORGANIZATION") {
            ++orgEntries;
            if (r.entityId != orgId)
              errors.push_back(
                  {"invalid", at + "entityId", "entityId must be the organization's ID"});
            if (r.deploymentId)
              errors.push_back({"invalid", at + "deploymentId",
                                "deploymentId is not allowed on an ORGANIZATION role"});
            orgRole = core::parseOrgRole(r.role);
            if (!orgRole)
              errors.push_back(
                  {"invalid", at + "role", "role must be " + std::string(kOrgRolesList)});
          } else if (r.entityType == "WORKSPACE") {
            if (r.deploymentId)
              errors.push_back({"invalid", at + "deploymentId",
                                "deploymentId is not allowed on a WORKSPACE role"});
            workspaceRoles.push_back({r.entityId, r.role});
            validateWorkspaceRole(*tx, orgId, workspaceRoles.back(), at, "entityId", workspaces,
                                  errors);
          } else if (r.entityType == "DEPLOYMENT" || r.entityType == "DAG" ||
                     r.entityType == "DAG_TAG") {
            errors.push_back({"invalid", at + "entityType",
                              r.entityType + " roles are not supported by this server yet"});
          } else {
            errors.push_back({"invalid", at + "entityType",
                              "entityType must be ORGANIZATION, WORKSPACE, DEPLOYMENT, DAG or "
                              "DAG_TAG"});
          }
        }
        if (orgEntries != 1)
          errors.push_back({"invalid", "roles",
                            "roles must hold exactly one ORGANIZATION entry for the organization"});
        if (!errors.empty()) return attempt.fail(invalidInput(std::move(errors)));
        if (auto denied = checkOrgGrant(callerRole, *orgRole)) return attempt.deny(*denied);
        // Nor a workspace role above the one the caller holds on that workspace.
        if (auto denied =
                checkWorkspaceGrants(*tx, caller.subject, orgId, callerRole, workspaceRoles))
          return attempt.deny(*denied);

        auto found = tx->tokens().find(orgId, tokenId);
        if (!found) return tokenNotFound();
        store::TokenRecord rec = *found;
        const std::vector<core::ApiTokenRole> before = rec.token.roles;
        rec.token.roles = {{"ORGANIZATION", std::string(orgId),
                            std::string(core::toString(*orgRole)), std::nullopt}};
        for (const auto& r : workspaceRoles)
          rec.token.roles.push_back({"WORKSPACE", r.workspaceId, r.role, std::nullopt});
        rec.token.updatedAt = clock_.now();
        rec.token.updatedBy = caller.subject.profile;
        tx->tokens().update(rec);

        store::AuditRecord& audit = attempt.record();
        audit.targetName = rec.token.name;
        if (before != rec.token.roles)
          audit.changes.push_back(
              AuditLog::change("roles", rolesJson(before), rolesJson(rec.token.roles)));
        attempt.succeed(*tx);
        tx->commit();

        core::SubjectRoles out;
        out.organizationRole = std::string(core::toString(*orgRole));
        if (!workspaceRoles.empty()) out.workspaceRoles = std::move(workspaceRoles);
        return out;
      });
}

core::Result<core::ApiToken> TokenService::rotate(const Caller& caller, std::string_view orgId,
                                                  std::string_view tokenId) {
  Attempt attempt(audit_, caller, orgId, "apiToken.rotate", tokenId);
  return manageWrite(
      store_, caller, orgId, attempt,
      [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<core::ApiToken> {
        auto found = tx->tokens().find(orgId, tokenId);
        if (!found) return tokenNotFound();

        // A token may not be rotated into a role above the caller's (it keeps its roles, but a
        // rotation hands out a fresh credential carrying them).
        if (auto held = tokenOrgRole(*found))
          if (auto denied = checkOrgGrant(callerRole, *held)) return attempt.deny(*denied);

        store::TokenRecord rec = *found;
        core::ApiToken& t = rec.token;
        const core::Timestamp now = clock_.now();
        const std::string value = core::generateTokenValue(core::TokenScopeTag::Organization,
                                                           settings_.tokenInstancePrefix, random_);
        tx->tokens().insertRetiredHash(
            {found->valueHash, t.id, std::string(orgId), "rotated", now});
        rec.valueHash = core::hashTokenValue(value);
        t.shortToken = core::shortTokenOf(value);
        t.lastRotatedAt = now;
        if (t.expiryPeriodInDays) t.endAt = plusDays(now, *t.expiryPeriodInDays);
        t.updatedAt = now;
        t.updatedBy = caller.subject.profile;
        tx->tokens().update(rec);

        store::AuditRecord& audit = attempt.record();
        audit.targetName = t.name;
        audit.changes.push_back(AuditLog::change(
            "lastRotatedAt", jsonOpt(found->token.lastRotatedAt), jsonOpt(t.lastRotatedAt)));
        if (found->token.endAt != t.endAt)
          audit.changes.push_back(
              AuditLog::change("endAt", jsonOpt(found->token.endAt), jsonOpt(t.endAt)));
        attempt.succeed(*tx);
        tx->commit();

        core::ApiToken out = std::move(rec.token);
        out.token = value;
        return out;
      });
}

core::Result<void> TokenService::remove(const Caller& caller, std::string_view orgId,
                                        std::string_view tokenId) {
  Attempt attempt(audit_, caller, orgId, "apiToken.delete", tokenId);
  return manageWrite(
      store_, caller, orgId, attempt,
      [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<void> {
        auto found = tx->tokens().find(orgId, tokenId);
        if (!found) return tokenNotFound();
        if (!tx->tokens().remove(orgId, tokenId)) return tokenNotFound();
        tx->tokens().insertRetiredHash(
            {found->valueHash, found->token.id, std::string(orgId), "deleted", clock_.now()});

        store::AuditRecord& audit = attempt.record();
        audit.targetName = found->token.name;
        audit.changes.push_back(
            AuditLog::change("name", jsonText(found->token.name), std::nullopt));
        audit.changes.push_back(
            AuditLog::change("roles", rolesJson(found->token.roles), std::nullopt));
        attempt.succeed(*tx);
        tx->commit();
        return {};
      });
}

}  // namespace astro::service
