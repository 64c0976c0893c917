#include "core/json/api_json.h"

#include "core/json/json_reader.h"
#include "core/json/response_reader.h"
#include "core/json/user_fields.h"

namespace astro::core {
namespace json = boost::json;

std::string_view toString(SubjectType t) { return t == SubjectType::User ? "USER" : "SERVICEKEY"; }

namespace {

void putOpt(json::object& o, std::string_view k, const std::optional<std::string>& v) {
  if (v) o[k] = *v;
}
void putOpt(json::object& o, std::string_view k, const std::optional<Timestamp>& v) {
  if (v) o[k] = formatRfc3339(*v);
}

Result<ApiTokenRole> apiTokenRoleFromJson(const json::value& v) {
  ResponseReader r(v, "token role");
  ApiTokenRole role{r.str("entityType"), r.str("entityId"), r.str("role"), r.optStr("deploymentId")};
  if (r.error) return *r.error;
  return role;
}

}  // namespace

json::object toJson(const BasicSubjectProfile& p) {
  json::object o;
  o["id"] = p.id;
  o["subjectType"] = toString(p.subjectType);
  putOpt(o, "fullName", p.fullName);
  putOpt(o, "username", p.username);
  putOpt(o, "avatarUrl", p.avatarUrl);
  putOpt(o, "apiTokenName", p.apiTokenName);
  return o;
}

json::object toJson(const ApiTokenRole& r) {
  json::object o;
  if (r.deploymentId) o["deploymentId"] = *r.deploymentId;
  o["entityId"] = r.entityId;
  o["entityType"] = r.entityType;
  o["role"] = r.role;
  return o;
}

json::object toJson(const ApiToken& t) {
  json::object o;
  o["id"] = t.id;
  o["name"] = t.name;
  o["description"] = t.description;
  o["shortToken"] = t.shortToken;
  putOpt(o, "token", t.token);
  o["scope"] = t.scope;
  o["kind"] = t.kind;
  json::array roles;
  for (const auto& r : t.roles) roles.emplace_back(toJson(r));
  o["roles"] = std::move(roles);
  if (t.expiryPeriodInDays) o["expiryPeriodInDays"] = *t.expiryPeriodInDays;
  o["startAt"] = formatRfc3339(t.startAt);
  putOpt(o, "endAt", t.endAt);
  putOpt(o, "lastRotatedAt", t.lastRotatedAt);
  putOpt(o, "lastUsedAt", t.lastUsedAt);
  o["createdAt"] = formatRfc3339(t.createdAt);
  o["updatedAt"] = formatRfc3339(t.updatedAt);
  if (t.createdBy) o["createdBy"] = toJson(*t.createdBy);
  if (t.updatedBy) o["updatedBy"] = toJson(*t.updatedBy);
  return o;
}

json::object toJson(const Organization& org) {
  json::object o;
  o["id"] = org.id;
  o["name"] = org.name;
  o["createdAt"] = formatRfc3339(org.createdAt);
  o["updatedAt"] = formatRfc3339(org.updatedAt);
  o["createdBy"] = toJson(org.createdBy);
  o["updatedBy"] = toJson(org.updatedBy);
  o["allowEnhancedSupportAccess"] = false;
  o["hasAllowedIpAddressRanges"] = false;
  o["isBlockedEnableAiFeatures"] = false;
  o["isScimEnabled"] = false;
  o["shouldEnforceDedicatedClusters"] = false;
  o["product"] = org.product;
  o["productPlans"] = json::array();
  o["status"] = org.status;
  return o;
}

json::object toJson(const SubjectRoles& r) {
  json::object o;
  putOpt(o, "organizationRole", r.organizationRole);
  if (r.workspaceRoles) {
    json::array a;
    for (const auto& w : *r.workspaceRoles) a.push_back(json::object{{"workspaceId", w.workspaceId}, {"role", w.role}});
    o["workspaceRoles"] = std::move(a);
  }
  if (r.deploymentRoles) {
    json::array a;
    for (const auto& d : *r.deploymentRoles) a.push_back(json::object{{"deploymentId", d.deploymentId}, {"role", d.role}});
    o["deploymentRoles"] = std::move(a);
  }
  return o;
}

json::object toJson(const User& u) {
  json::object o;
  putUserFields(o, u);
  putOpt(o, "organizationRole", u.organizationRole);
  if (u.workspaceRoles) {
    json::array a;
    for (const auto& w : *u.workspaceRoles) a.push_back(json::object{{"workspaceId", w.workspaceId}, {"role", w.role}});
    o["workspaceRoles"] = std::move(a);
  }
  return o;
}

json::object toJson(const SelfUser& u) {
  json::object o;
  putUserFields(o, u);
  putOpt(o, "organizationId", u.organizationId);
  if (u.roles) o["roles"] = toJson(*u.roles);
  return o;
}

json::object errorToJson(const Error& e, std::string_view requestId) {
  json::object o;
  o["message"] = e.message;
  o["requestId"] = requestId;
  o["statusCode"] = httpStatus(e.code);
  if (!e.fieldErrors.empty()) {
    json::array a;
    for (const auto& f : e.fieldErrors)
      a.push_back(json::object{{"code", f.code}, {"field", f.field}, {"message", f.message}});
    o["fieldErrors"] = std::move(a);
  }
  return o;
}

Result<BasicSubjectProfile> subjectProfileFromJson(const json::value& v) {
  ResponseReader r(v, "subject profile");
  BasicSubjectProfile p;
  p.id = r.str("id");
  p.subjectType = r.str("subjectType") == "SERVICEKEY" ? SubjectType::ServiceKey : SubjectType::User;
  p.fullName = r.optStr("fullName");
  p.username = r.optStr("username");
  p.avatarUrl = r.optStr("avatarUrl");
  p.apiTokenName = r.optStr("apiTokenName");
  if (r.error) return *r.error;
  return p;
}

Result<ApiToken> apiTokenFromJson(const json::value& v) {
  ResponseReader r(v, "API token");
  ApiToken t;
  t.id = r.str("id");
  t.name = r.str("name");
  t.description = r.str("description");
  t.shortToken = r.str("shortToken");
  t.token = r.optStr("token");
  t.scope = r.str("scope");
  t.kind = r.optStr("kind").value_or("STANDARD");
  if (auto* roles = r.arr("roles")) {
    for (const auto& item : *roles) {
      auto role = apiTokenRoleFromJson(item);
      if (!role) return role.error();
      t.roles.push_back(std::move(*role));
    }
  }
  if (auto d = r.optInt("expiryPeriodInDays")) t.expiryPeriodInDays = static_cast<int>(*d);
  t.startAt = r.time("startAt");
  t.endAt = r.optTime("endAt");
  t.lastRotatedAt = r.optTime("lastRotatedAt");
  t.lastUsedAt = r.optTime("lastUsedAt");
  t.createdAt = r.time("createdAt");
  t.updatedAt = r.time("updatedAt");
  for (auto [key, dest] : {std::pair{"createdBy", &t.createdBy}, std::pair{"updatedBy", &t.updatedBy}}) {
    if (auto* p = r.raw(key)) {
      auto profile = subjectProfileFromJson(*p);
      if (!profile) return profile.error();
      *dest = std::move(*profile);
    }
  }
  if (r.error) return *r.error;
  return t;
}

Result<Page<ApiToken>> apiTokenPageFromJson(const json::value& v) {
  return pageFromJson<ApiToken>(v, "tokens", apiTokenFromJson);
}

Result<Organization> organizationFromJson(const json::value& v) {
  ResponseReader r(v, "organization");
  Organization o;
  o.id = r.str("id");
  o.name = r.str("name");
  o.createdAt = r.time("createdAt");
  o.updatedAt = r.time("updatedAt");
  o.product = r.optStr("product").value_or("");
  o.status = r.optStr("status").value_or("");
  for (auto [key, dest] : {std::pair{"createdBy", &o.createdBy}, std::pair{"updatedBy", &o.updatedBy}}) {
    if (auto* p = r.raw(key)) {
      auto profile = subjectProfileFromJson(*p);
      if (!profile) return profile.error();
      *dest = std::move(*profile);
    }
  }
  if (r.error) return *r.error;
  return o;
}

Result<Page<Organization>> organizationPageFromJson(const json::value& v) {
  return pageFromJson<Organization>(v, "organizations", organizationFromJson);
}

Result<SubjectRoles> subjectRolesFromJson(const json::value& v) {
  ResponseReader r(v, "subject roles");
  SubjectRoles s;
  s.organizationRole = r.optStr("organizationRole");
  if (auto* a = r.arr("workspaceRoles")) {
    s.workspaceRoles.emplace();
    for (const auto& item : *a) {
      ResponseReader w(item, "workspace role");
      s.workspaceRoles->push_back({w.str("workspaceId"), w.str("role")});
      if (w.error) return *w.error;
    }
  }
  if (auto* a = r.arr("deploymentRoles")) {
    s.deploymentRoles.emplace();
    for (const auto& item : *a) {
      ResponseReader d(item, "deployment role");
      s.deploymentRoles->push_back({d.str("deploymentId"), d.str("role")});
      if (d.error) return *d.error;
    }
  }
  if (r.error) return *r.error;
  return s;
}

Result<SelfUser> selfUserFromJson(const json::value& v) {
  ResponseReader r(v, "user");
  SelfUser u;
  readUserFields(r, u);
  u.organizationId = r.optStr("organizationId");
  if (auto* roles = r.raw("roles")) {
    auto parsed = subjectRolesFromJson(*roles);
    if (!parsed) return parsed.error();
    u.roles = std::move(*parsed);
  }
  if (r.error) return *r.error;
  return u;
}

json::object toJson(const CreateApiTokenRequest& r) {
  json::object o;
  if (r.description) o["description"] = *r.description;
  if (r.entityId) o["entityId"] = *r.entityId;
  if (r.kind) o["kind"] = *r.kind;
  o["name"] = r.name;
  o["role"] = r.role;
  o["scope"] = r.scope;
  if (r.tokenExpiryPeriodInDays) o["tokenExpiryPeriodInDays"] = *r.tokenExpiryPeriodInDays;
  return o;
}

json::object toJson(const UpdateApiTokenRequest& r) {
  json::object o;
  if (r.description) o["description"] = *r.description;
  o["name"] = r.name;
  if (r.tokenExpiryPeriodInDays) o["tokenExpiryPeriodInDays"] = *r.tokenExpiryPeriodInDays;
  return o;
}

json::object toJson(const UpdateApiTokenRolesRequest& r) {
  json::array a;
  for (const auto& role : r.roles) a.emplace_back(toJson(role));
  return json::object{{"roles", std::move(a)}};
}

Result<CreateApiTokenRequest> parseCreateApiTokenRequest(const json::value& v) {
  JsonObjectReader r(v, {"name", "description", "role", "scope", "entityId", "kind",
                         "tokenExpiryPeriodInDays"});
  CreateApiTokenRequest req;
  req.name = r.requiredString("name");
  req.description = r.optionalString("description");
  req.role = r.requiredString("role");
  req.scope = r.requiredString("scope");
  req.entityId = r.optionalString("entityId");
  req.kind = r.optionalString("kind");
  req.tokenExpiryPeriodInDays = r.optionalInt("tokenExpiryPeriodInDays");
  if (!r.ok()) return r.toError();
  return req;
}

Result<UpdateApiTokenRequest> parseUpdateApiTokenRequest(const json::value& v) {
  JsonObjectReader r(v, {"name", "description", "tokenExpiryPeriodInDays"});
  UpdateApiTokenRequest req;
  req.name = r.requiredString("name");
  req.description = r.optionalString("description");
  req.tokenExpiryPeriodInDays = r.optionalInt("tokenExpiryPeriodInDays");
  if (!r.ok()) return r.toError();
  return req;
}

Result<UpdateApiTokenRolesRequest> parseUpdateApiTokenRolesRequest(const json::value& v) {
  JsonObjectReader r(v, {"roles"});
  UpdateApiTokenRolesRequest req;
  if (auto* roles = r.requiredArray("roles")) {
    for (std::size_t i = 0; i < roles->size(); ++i) {
      JsonObjectReader e((*roles)[i], {"entityType", "entityId", "role", "deploymentId"},
                         "roles[" + std::to_string(i) + "].");
      ApiTokenRole role{e.requiredString("entityType"), e.requiredString("entityId"),
                        e.requiredString("role"), e.optionalString("deploymentId")};
      for (auto& fe : e.errors()) r.errors().push_back(std::move(fe));
      req.roles.push_back(std::move(role));
    }
  }
  if (!r.ok()) return r.toError();
  return req;
}

}  // namespace astro::core
