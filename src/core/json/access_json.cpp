#include "core/json/access_json.h"

#include "core/json/api_json.h"
#include "core/json/json_reader.h"
#include "core/json/response_reader.h"
#include "core/json/user_fields.h"

namespace astro::core {
namespace json = boost::json;

namespace {

void putOpt(json::object& o, std::string_view k, const std::optional<std::string>& v) {
  if (v) o[k] = *v;
}

json::array workspaceRolesJson(const std::vector<WorkspaceRoleEntry>& roles) {
  json::array a;
  for (const auto& w : roles) a.push_back(json::object{{"workspaceId", w.workspaceId}, {"role", w.role}});
  return a;
}
json::array deploymentRolesJson(const std::vector<DeploymentRoleEntry>& roles) {
  json::array a;
  for (const auto& d : roles) a.push_back(json::object{{"deploymentId", d.deploymentId}, {"role", d.role}});
  return a;
}
json::array stringsJson(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

// Lenient response readers for nested arrays.
std::optional<std::vector<WorkspaceRoleEntry>> readWorkspaceRoles(ResponseReader& r) {
  auto* a = r.arr("workspaceRoles");
  if (!a) return std::nullopt;
  std::vector<WorkspaceRoleEntry> out;
  for (const auto& item : *a) {
    ResponseReader w(item, "workspace role");
    out.push_back({w.str("workspaceId"), w.str("role")});
    if (w.error) r.fail(w.error->message);
  }
  return out;
}
std::optional<std::vector<DeploymentRoleEntry>> readDeploymentRoles(ResponseReader& r) {
  auto* a = r.arr("deploymentRoles");
  if (!a) return std::nullopt;
  std::vector<DeploymentRoleEntry> out;
  for (const auto& item : *a) {
    ResponseReader d(item, "deployment role");
    out.push_back({d.str("deploymentId"), d.str("role")});
    if (d.error) r.fail(d.error->message);
  }
  return out;
}
std::optional<BasicSubjectProfile> readProfile(ResponseReader& r, std::string_view key) {
  auto* p = r.raw(key);
  if (!p) return std::nullopt;
  auto profile = subjectProfileFromJson(*p);
  if (!profile) {
    r.fail(profile.error().message);
    return std::nullopt;
  }
  return std::move(*profile);
}
std::vector<std::string> readStrings(ResponseReader& r, std::string_view key) {
  std::vector<std::string> out;
  if (auto* a = r.arr(key)) {
    for (const auto& item : *a) {
      if (!item.is_string()) r.fail(std::string(key) + " holds a non-string");
      else out.emplace_back(item.get_string());
    }
  }
  return out;
}

// Strict request readers for nested role arrays: entries appended with "<field>[i]." prefixes.
std::optional<std::vector<WorkspaceRoleEntry>> parseWorkspaceRoles(JsonObjectReader& r) {
  auto* a = r.optionalArray("workspaceRoles");
  if (!a) return std::nullopt;
  std::vector<WorkspaceRoleEntry> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    JsonObjectReader e((*a)[i], {"workspaceId", "role"}, "workspaceRoles[" + std::to_string(i) + "].");
    out.push_back({e.requiredString("workspaceId"), e.requiredString("role")});
    for (auto& fe : e.errors()) r.errors().push_back(std::move(fe));
  }
  return out;
}
std::optional<std::vector<DeploymentRoleEntry>> parseDeploymentRoles(JsonObjectReader& r) {
  auto* a = r.optionalArray("deploymentRoles");
  if (!a) return std::nullopt;
  std::vector<DeploymentRoleEntry> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    JsonObjectReader e((*a)[i], {"deploymentId", "role"},
                       "deploymentRoles[" + std::to_string(i) + "].");
    out.push_back({e.requiredString("deploymentId"), e.requiredString("role")});
    for (auto& fe : e.errors()) r.errors().push_back(std::move(fe));
  }
  return out;
}
std::optional<std::vector<std::string>> parseStrings(JsonObjectReader& r, std::string_view key,
                                                     bool required) {
  auto* a = required ? r.requiredArray(key) : r.optionalArray(key);
  if (!a) return std::nullopt;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    if (!(*a)[i].is_string())
      r.addError("invalid_type", r.fieldName(key) + "[" + std::to_string(i) + "]",
                 "must be a string");
    else
      out.emplace_back((*a)[i].get_string());
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------- responses: C++ -> JSON

json::object toJson(const Team& t) {
  json::object o;
  o["id"] = t.id;
  o["name"] = t.name;
  o["organizationId"] = t.organizationId;
  putOpt(o, "description", t.description);
  o["isIdpManaged"] = t.isIdpManaged;
  o["organizationRole"] = t.organizationRole;
  if (t.rolesCount) o["rolesCount"] = *t.rolesCount;
  o["createdAt"] = formatRfc3339(t.createdAt);
  o["updatedAt"] = formatRfc3339(t.updatedAt);
  if (t.createdBy) o["createdBy"] = toJson(*t.createdBy);
  if (t.updatedBy) o["updatedBy"] = toJson(*t.updatedBy);
  if (t.workspaceRoles) o["workspaceRoles"] = workspaceRolesJson(*t.workspaceRoles);
  if (t.deploymentRoles) o["deploymentRoles"] = deploymentRolesJson(*t.deploymentRoles);
  return o;
}

json::object toJson(const TeamMember& m) {
  json::object o;
  o["userId"] = m.userId;
  o["username"] = m.username;
  putOpt(o, "fullName", m.fullName);
  putOpt(o, "avatarUrl", m.avatarUrl);
  if (m.createdAt) o["createdAt"] = formatRfc3339(*m.createdAt);
  return o;
}

json::object toJson(const Invite& i) {
  json::object o;
  o["inviteId"] = i.inviteId;
  o["organizationId"] = i.organizationId;
  putOpt(o, "organizationName", i.organizationName);
  o["expiresAt"] = formatRfc3339(i.expiresAt);
  o["invitee"] = toJson(i.invitee);
  o["inviter"] = toJson(i.inviter);
  putOpt(o, "userId", i.userId);
  return o;
}

json::object toJson(const Workspace& w) {
  json::object o;
  o["id"] = w.id;
  o["name"] = w.name;
  o["organizationId"] = w.organizationId;
  putOpt(o, "organizationName", w.organizationName);
  putOpt(o, "description", w.description);
  o["cicdEnforcedDefault"] = w.cicdEnforcedDefault;
  o["createdAt"] = formatRfc3339(w.createdAt);
  o["updatedAt"] = formatRfc3339(w.updatedAt);
  if (w.createdBy) o["createdBy"] = toJson(*w.createdBy);
  if (w.updatedBy) o["updatedBy"] = toJson(*w.updatedBy);
  return o;
}

json::object toJson(const DefaultRole& r) {
  json::object o;
  o["name"] = r.name;
  putOpt(o, "description", r.description);
  o["permissions"] = stringsJson(r.permissions);
  o["scopeType"] = r.scopeType;
  return o;
}

json::object toJson(const CustomRole& r) {
  json::object o;
  o["id"] = r.id;
  o["name"] = r.name;
  putOpt(o, "description", r.description);
  o["scopeType"] = r.scopeType;
  o["restrictedWorkspaceIds"] = stringsJson(r.restrictedWorkspaceIds);
  o["createdAt"] = formatRfc3339(r.createdAt);
  o["updatedAt"] = formatRfc3339(r.updatedAt);
  o["createdBy"] = toJson(r.createdBy);
  o["updatedBy"] = toJson(r.updatedBy);
  return o;
}

json::object toJson(const RolesPage& p) {
  json::object o;
  json::array roles;
  for (const auto& r : p.roles) roles.emplace_back(toJson(r));
  o["roles"] = std::move(roles);
  if (p.defaultRoles) {
    json::array d;
    for (const auto& r : *p.defaultRoles) d.emplace_back(toJson(r));
    o["defaultRoles"] = std::move(d);
  }
  o["limit"] = p.limit;
  o["offset"] = p.offset;
  o["totalCount"] = p.totalCount;
  return o;
}

// ---------------------------------------------------------------- responses: JSON -> C++

Result<User> userFromJson(const json::value& v) {
  ResponseReader r(v, "user");
  User u;
  readUserFields(r, u);
  u.organizationRole = r.optStr("organizationRole");
  u.workspaceRoles = readWorkspaceRoles(r);
  if (r.error) return *r.error;
  return u;
}

Result<Page<User>> userPageFromJson(const json::value& v) {
  return pageFromJson<User>(v, "users", userFromJson);
}

Result<Team> teamFromJson(const json::value& v) {
  ResponseReader r(v, "team");
  Team t;
  t.id = r.str("id");
  t.name = r.str("name");
  t.organizationId = r.str("organizationId");
  t.description = r.optStr("description");
  t.isIdpManaged = r.optBool("isIdpManaged").value_or(false);
  t.organizationRole = r.str("organizationRole");
  if (auto n = r.optInt("rolesCount")) t.rolesCount = static_cast<int>(*n);
  t.createdAt = r.time("createdAt");
  t.updatedAt = r.time("updatedAt");
  t.createdBy = readProfile(r, "createdBy");
  t.updatedBy = readProfile(r, "updatedBy");
  t.workspaceRoles = readWorkspaceRoles(r);
  t.deploymentRoles = readDeploymentRoles(r);
  if (r.error) return *r.error;
  return t;
}

Result<Page<Team>> teamPageFromJson(const json::value& v) {
  return pageFromJson<Team>(v, "teams", teamFromJson);
}

Result<TeamMember> teamMemberFromJson(const json::value& v) {
  ResponseReader r(v, "team member");
  TeamMember m;
  m.userId = r.str("userId");
  m.username = r.str("username");
  m.fullName = r.optStr("fullName");
  m.avatarUrl = r.optStr("avatarUrl");
  m.createdAt = r.optTime("createdAt");
  if (r.error) return *r.error;
  return m;
}

Result<Page<TeamMember>> teamMemberPageFromJson(const json::value& v) {
  return pageFromJson<TeamMember>(v, "teamMembers", teamMemberFromJson);
}

Result<Invite> inviteFromJson(const json::value& v) {
  ResponseReader r(v, "invite");
  Invite i;
  i.inviteId = r.str("inviteId");
  i.organizationId = r.str("organizationId");
  i.organizationName = r.optStr("organizationName");
  i.expiresAt = r.time("expiresAt");
  if (auto p = readProfile(r, "invitee")) i.invitee = std::move(*p);
  if (auto p = readProfile(r, "inviter")) i.inviter = std::move(*p);
  i.userId = r.optStr("userId");
  if (r.error) return *r.error;
  return i;
}

Result<Workspace> workspaceFromJson(const json::value& v) {
  ResponseReader r(v, "workspace");
  Workspace w;
  w.id = r.str("id");
  w.name = r.str("name");
  w.organizationId = r.str("organizationId");
  w.organizationName = r.optStr("organizationName");
  w.description = r.optStr("description");
  w.cicdEnforcedDefault = r.optBool("cicdEnforcedDefault").value_or(false);
  w.createdAt = r.time("createdAt");
  w.updatedAt = r.time("updatedAt");
  w.createdBy = readProfile(r, "createdBy");
  w.updatedBy = readProfile(r, "updatedBy");
  if (r.error) return *r.error;
  return w;
}

Result<Page<Workspace>> workspacePageFromJson(const json::value& v) {
  return pageFromJson<Workspace>(v, "workspaces", workspaceFromJson);
}

Result<RolesPage> rolesPageFromJson(const json::value& v) {
  ResponseReader r(v, "roles page");
  RolesPage p;
  p.limit = static_cast<int>(r.optInt("limit").value_or(0));
  p.offset = static_cast<int>(r.optInt("offset").value_or(0));
  p.totalCount = r.optInt("totalCount").value_or(0);
  if (auto* a = r.arr("roles")) {
    for (const auto& item : *a) {
      ResponseReader c(item, "role");
      CustomRole role;
      role.id = c.str("id");
      role.name = c.str("name");
      role.description = c.optStr("description");
      role.scopeType = c.str("scopeType");
      role.restrictedWorkspaceIds = readStrings(c, "restrictedWorkspaceIds");
      role.createdAt = c.time("createdAt");
      role.updatedAt = c.time("updatedAt");
      if (auto pr = readProfile(c, "createdBy")) role.createdBy = std::move(*pr);
      if (auto pr = readProfile(c, "updatedBy")) role.updatedBy = std::move(*pr);
      if (c.error) return *c.error;
      p.roles.push_back(std::move(role));
    }
  }
  if (auto* a = r.arr("defaultRoles")) {
    p.defaultRoles.emplace();
    for (const auto& item : *a) {
      ResponseReader d(item, "default role");
      DefaultRole role{d.str("name"), d.optStr("description"), readStrings(d, "permissions"),
                       d.str("scopeType")};
      if (d.error) return *d.error;
      p.defaultRoles->push_back(std::move(role));
    }
  }
  if (r.error) return *r.error;
  return p;
}

// ---------------------------------------------------------------- requests: C++ -> JSON

json::object toJson(const CreateUserInviteRequest& r) {
  return json::object{{"inviteeEmail", r.inviteeEmail}, {"role", r.role}};
}

json::object toJson(const UpdateUserRolesRequest& r) {
  json::object o;
  if (r.deploymentRoles) o["deploymentRoles"] = deploymentRolesJson(*r.deploymentRoles);
  putOpt(o, "organizationRole", r.organizationRole);
  if (r.workspaceRoles) o["workspaceRoles"] = workspaceRolesJson(*r.workspaceRoles);
  return o;
}

json::object toJson(const CreateTeamRequest& r) {
  json::object o;
  putOpt(o, "description", r.description);
  if (r.memberIds) o["memberIds"] = stringsJson(*r.memberIds);
  o["name"] = r.name;
  putOpt(o, "organizationRole", r.organizationRole);
  return o;
}

json::object toJson(const UpdateTeamRequest& r) {
  json::object o;
  putOpt(o, "description", r.description);
  o["name"] = r.name;
  return o;
}

json::object toJson(const UpdateTeamRolesRequest& r) {
  json::object o;
  if (r.deploymentRoles) o["deploymentRoles"] = deploymentRolesJson(*r.deploymentRoles);
  o["organizationRole"] = r.organizationRole;
  if (r.workspaceRoles) o["workspaceRoles"] = workspaceRolesJson(*r.workspaceRoles);
  return o;
}

json::object toJson(const AddTeamMembersRequest& r) {
  return json::object{{"memberIds", stringsJson(r.memberIds)}};
}

json::object toJson(const CreateWorkspaceRequest& r) {
  json::object o;
  if (r.cicdEnforcedDefault) o["cicdEnforcedDefault"] = *r.cicdEnforcedDefault;
  putOpt(o, "description", r.description);
  o["name"] = r.name;
  return o;
}

json::object toJson(const UpdateWorkspaceRequest& r) {
  json::object o;
  if (r.cicdEnforcedDefault) o["cicdEnforcedDefault"] = *r.cicdEnforcedDefault;
  putOpt(o, "description", r.description);
  o["name"] = r.name;
  return o;
}

// ---------------------------------------------------------------- requests: JSON -> C++

Result<CreateUserInviteRequest> parseCreateUserInviteRequest(const json::value& v) {
  JsonObjectReader r(v, {"inviteeEmail", "role"});
  CreateUserInviteRequest req{r.requiredString("inviteeEmail"), r.requiredString("role")};
  if (!r.ok()) return r.toError();
  return req;
}

Result<UpdateUserRolesRequest> parseUpdateUserRolesRequest(const json::value& v) {
  JsonObjectReader r(v, {"organizationRole", "workspaceRoles", "deploymentRoles", "dagRoles"});
  UpdateUserRolesRequest req;
  req.organizationRole = r.optionalString("organizationRole");
  req.workspaceRoles = parseWorkspaceRoles(r);
  req.deploymentRoles = parseDeploymentRoles(r);
  if (r.optionalArray("dagRoles")) r.addError("unsupported", "dagRoles", "DAG roles are not supported");
  if (!r.ok()) return r.toError();
  return req;
}

Result<CreateTeamRequest> parseCreateTeamRequest(const json::value& v) {
  JsonObjectReader r(v, {"name", "description", "memberIds", "organizationRole"});
  CreateTeamRequest req;
  req.name = r.requiredString("name");
  req.description = r.optionalString("description");
  req.memberIds = parseStrings(r, "memberIds", false);
  req.organizationRole = r.optionalString("organizationRole");
  if (!r.ok()) return r.toError();
  return req;
}

Result<UpdateTeamRequest> parseUpdateTeamRequest(const json::value& v) {
  JsonObjectReader r(v, {"name", "description"});
  UpdateTeamRequest req{r.requiredString("name"), r.optionalString("description")};
  if (!r.ok()) return r.toError();
  return req;
}

Result<UpdateTeamRolesRequest> parseUpdateTeamRolesRequest(const json::value& v) {
  JsonObjectReader r(v, {"organizationRole", "workspaceRoles", "deploymentRoles", "dagRoles"});
  UpdateTeamRolesRequest req;
  req.organizationRole = r.requiredString("organizationRole");
  req.workspaceRoles = parseWorkspaceRoles(r);
  req.deploymentRoles = parseDeploymentRoles(r);
  if (r.optionalArray("dagRoles")) r.addError("unsupported", "dagRoles", "DAG roles are not supported");
  if (!r.ok()) return r.toError();
  return req;
}

Result<AddTeamMembersRequest> parseAddTeamMembersRequest(const json::value& v) {
  JsonObjectReader r(v, {"memberIds"});
  AddTeamMembersRequest req;
  if (auto ids = parseStrings(r, "memberIds", true)) req.memberIds = std::move(*ids);
  if (!r.ok()) return r.toError();
  return req;
}

Result<CreateWorkspaceRequest> parseCreateWorkspaceRequest(const json::value& v) {
  JsonObjectReader r(v, {"name", "description", "cicdEnforcedDefault", "defaultCloudProvider",
                         "defaultClusterId", "defaultRegion"});
  CreateWorkspaceRequest req;
  req.name = r.requiredString("name");
  req.description = r.optionalString("description");
  req.cicdEnforcedDefault = r.optionalBool("cicdEnforcedDefault");
  for (auto k : {"defaultCloudProvider", "defaultClusterId", "defaultRegion"}) r.optionalString(k);
  if (!r.ok()) return r.toError();
  return req;
}

Result<UpdateWorkspaceRequest> parseUpdateWorkspaceRequest(const json::value& v) {
  JsonObjectReader r(v, {"name", "description", "cicdEnforcedDefault"});
  UpdateWorkspaceRequest req;
  req.name = r.requiredString("name");
  req.description = r.optionalString("description");
  req.cicdEnforcedDefault = r.optionalBool("cicdEnforcedDefault");
  if (!r.ok()) return r.toError();
  return req;
}

}  // namespace astro::core
