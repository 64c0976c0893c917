#include "service/organizations/organization_service.h"

#include <algorithm>
#include <cctype>

#include "core/ids.h"
#include "core/roles/roles.h"
#include "core/tokens/token_codec.h"
#include "core/validation/access_validation.h"
#include "service/access/org_access.h"

namespace astro::service {
namespace {

using Mode = store::Store::Mode;

const std::vector<std::string_view> kOrgSortFields{"createdAt", "name", "updatedAt"};
constexpr std::string_view kInitialTokenName = "Initial owner token";
constexpr std::string_view kInitialTokenDescription = "Created by astro-server init";

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int compareBy(const core::Organization& a, const core::Organization& b, std::string_view field) {
  if (field == "name") return a.name.compare(b.name);
  const auto ta = field == "updatedAt" ? a.updatedAt : a.createdAt;
  const auto tb = field == "updatedAt" ? b.updatedAt : b.createdAt;
  return ta < tb ? -1 : (tb < ta ? 1 : 0);
}

}  // namespace

OrganizationService::OrganizationService(store::Store& store, const Clock& clock,
                                         core::RandomBytes random, const AuditLog& audit,
                                         ServiceSettings settings)
    : store_(store),
      clock_(clock),
      random_(std::move(random)),
      audit_(audit),
      settings_(std::move(settings)) {}

core::Result<core::Page<core::Organization>> OrganizationService::list(
    const Caller& caller, const core::ListQuery& query) {
  auto errors = validateListQuery(query, kOrgSortFields);
  if (!errors.empty()) return invalidInput(std::move(errors));
  return atServiceBoundary([&]() -> core::Result<core::Page<core::Organization>> {
    std::vector<core::Organization> orgs;
    {
      auto tx = store_.begin(Mode::Read);
      if (caller.subject.type == core::SubjectType::ServiceKey) {
        if (auto org = tx->organizations().find(caller.subject.organizationId))
          orgs.push_back(std::move(*org));
      } else {
        for (const auto& m : tx->users().listMembershipsOfUser(caller.subject.id))
          if (auto org = tx->organizations().find(m.organizationId))
            orgs.push_back(std::move(*org));
      }
    }
    std::vector<core::SortKey> sorts = query.sorts;
    if (sorts.empty()) sorts.push_back({"createdAt", false});
    std::stable_sort(orgs.begin(), orgs.end(), [&](const auto& a, const auto& b) {
      for (const auto& key : sorts) {
        int c = compareBy(a, b, key.field);
        if (c != 0) return key.descending ? c > 0 : c < 0;
      }
      return a.id < b.id;
    });
    core::Page<core::Organization> page;
    page.limit = query.limit;
    page.offset = query.offset;
    page.totalCount = static_cast<std::int64_t>(orgs.size());
    for (std::size_t i = static_cast<std::size_t>(query.offset);
         i < orgs.size() && page.items.size() < static_cast<std::size_t>(query.limit); ++i)
      page.items.push_back(std::move(orgs[i]));
    return page;
  });
}

core::Result<core::Organization> OrganizationService::get(const Caller& caller,
                                                          std::string_view orgId) {
  return atServiceBoundary([&]() -> core::Result<core::Organization> {
    auto tx = store_.begin(Mode::Read);
    auto role = callerOrgRole(*tx, caller.subject, orgId);
    if (!role) return role.error();
    if (!core::allows(*role, core::Permission::OrganizationRead))
      return core::Error::forbidden(permissionDeniedMessage(*role, "see the organization"));
    auto org = tx->organizations().find(orgId);
    if (!org) return core::Error::notFound(std::string(kOrganizationNotFoundMessage));
    return std::move(*org);
  });
}

core::Result<InitResult> OrganizationService::init(const std::string& orgName,
                                                   const std::string& ownerEmail) {
  std::vector<core::FieldError> errors;
  if (auto e = core::validateAccessName(orgName, "name", "organization name"))
    errors.push_back(std::move(*e));
  if (auto e = core::validateEmail(ownerEmail, "ownerEmail")) {
    e->message = "owner e-mail address: " + e->message;
    errors.push_back(std::move(*e));
  }
  if (!errors.empty()) {
    std::string msg = errors.front().message;
    for (std::size_t i = 1; i < errors.size(); ++i) msg += "; " + errors[i].message;
    return core::Error::invalid(std::move(msg), std::move(errors));
  }

  return atServiceBoundary([&]() -> core::Result<InitResult> {
    // BEGIN IMMEDIATE: two concurrent inits serialize, and the second sees the first's work.
    auto tx = store_.begin(Mode::Write);
    InitResult result;
    auto existing = tx->organizations().list();
    if (!existing.empty()) {
      result.created = false;
      result.organization = std::move(existing.front());
      return result;
    }

    const core::Timestamp now = clock_.now();
    const std::string email = lower(ownerEmail);
    store::UserRecord user;
    if (auto found = tx->users().findByEmail(email)) {
      user = *found;
    } else {
      user.id = core::generateId(random_);
      user.email = email;
      user.fullName = email.substr(0, email.find('@'));
      user.createdAt = now;
      user.updatedAt = now;
      tx->users().insert(user);
    }
    core::BasicSubjectProfile userProfile;
    userProfile.id = user.id;
    userProfile.subjectType = core::SubjectType::User;
    userProfile.fullName = user.fullName;
    userProfile.username = user.email;
    userProfile.avatarUrl = user.avatarUrl;

    core::Organization org;
    org.id = core::generateId(random_);
    org.name = orgName;
    org.createdAt = now;
    org.updatedAt = now;
    org.createdBy = userProfile;
    org.updatedBy = userProfile;
    tx->organizations().insert(org);
    tx->users().upsertMembership({org.id, user.id, core::OrgRole::Owner, now, now});

    const std::string value = core::generateTokenValue(core::TokenScopeTag::Organization,
                                                       settings_.tokenInstancePrefix, random_);
    store::TokenRecord token;
    token.organizationId = org.id;
    token.valueHash = core::hashTokenValue(value);
    token.token.id = core::generateId(random_);
    token.token.name = std::string(kInitialTokenName);
    token.token.description = std::string(kInitialTokenDescription);
    token.token.shortToken = core::shortTokenOf(value);
    token.token.roles = {
        {"ORGANIZATION", org.id, std::string(core::toString(core::OrgRole::Owner)), std::nullopt}};
    token.token.startAt = now;
    token.token.createdAt = now;
    token.token.updatedAt = now;
    token.token.createdBy = userProfile;
    token.token.updatedBy = userProfile;
    tx->tokens().insert(token);

    store::AuditRecord audit;
    audit.id = core::generateId(random_);
    audit.time = now;
    audit.organizationId = org.id;
    audit.actorType = "SYSTEM";
    audit.actorName = "astro-server init";
    audit.action = "organization.init";
    audit.targetType = "ORGANIZATION";
    audit.targetId = org.id;
    audit.targetName = org.name;
    audit.changes = {
        AuditLog::change("name", std::nullopt, AuditLog::jsonString(org.name)),
        AuditLog::change("ownerUserId", std::nullopt, AuditLog::jsonString(user.id)),
        AuditLog::change("ownerEmail", std::nullopt, AuditLog::jsonString(user.email)),
        AuditLog::change("apiTokenId", std::nullopt, AuditLog::jsonString(token.token.id)),
    };
    audit_.writeSuccess(*tx, std::move(audit));
    tx->commit();

    result.created = true;
    result.organization = std::move(org);
    result.ownerUserId = user.id;
    result.ownerEmail = user.email;
    result.tokenId = token.token.id;
    result.tokenValue = value;
    return result;
  });
}

}  // namespace astro::service
