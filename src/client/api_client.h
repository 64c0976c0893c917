// A typed client for the Astro v1 API subset we serve: one method per endpoint, plus the paging
// loops the CLI uses (reference §6.5). Errors are normalised core::Errors (api_error.h); a network
// failure is Unavailable "cannot reach the server at <base URL>: <cause>".
// Not thread-safe: one client per thread (the transport is used synchronously).
#pragma once

#include <string>
#include <vector>

#include "client/client_identity.h"
#include "client/http_transport.h"
#include "core/invites/invite.h"
#include "core/organizations/organization.h"
#include "core/pagination.h"
#include "core/result.h"
#include "core/roles/role_catalog.h"
#include "core/teams/team.h"
#include "core/tokens/api_token.h"
#include "core/users/user.h"
#include "core/workspaces/workspace.h"

namespace astro::client {

struct ApiClientConfig {
  std::string baseUrl;        // e.g. http://127.0.0.1:8888 (without /v1)
  std::string authorization;  // the header value, "Bearer <token>"; empty: none sent
  ClientIdentity identity;
};

class ApiClient {
 public:
  // The transport must outlive the client.
  ApiClient(HttpTransport& transport, ApiClientConfig config);

  const std::string& baseUrl() const { return config_.baseUrl; }

  // GET /organizations?limit=&offset=
  core::Result<core::Page<core::Organization>> listOrganizations(int limit, int offset);
  // GET /organizations/{id}
  core::Result<core::Organization> getOrganization(const std::string& id);
  // GET /users/self[?createIfNotExist=true]
  core::Result<core::SelfUser> getSelfUser(bool createIfNotExist = false);
  // GET /organizations/{org}/tokens?includeOnlyOrganizationTokens=&limit=&offset=[&workspaceId=]
  core::Result<core::Page<core::ApiToken>> listTokens(const std::string& org,
                                                      const core::TokenListFilter& filter,
                                                      int limit, int offset);
  core::Result<core::ApiToken> getToken(const std::string& org, const std::string& id);
  core::Result<core::ApiToken> createToken(const std::string& org,
                                           const core::CreateApiTokenRequest& request);
  core::Result<core::ApiToken> updateToken(const std::string& org, const std::string& id,
                                           const core::UpdateApiTokenRequest& request);
  core::Result<core::SubjectRoles> updateTokenRoles(const std::string& org, const std::string& id,
                                                    const core::UpdateApiTokenRolesRequest& r);
  // POST …/rotate with no body and no Content-Type.
  core::Result<core::ApiToken> rotateToken(const std::string& org, const std::string& id);
  core::Result<void> deleteToken(const std::string& org, const std::string& id);

  // ---- users, invites (reference §3.3–§3.5)
  // GET /organizations/{org}/users?limit=&offset=
  core::Result<core::Page<core::User>> listUsers(const std::string& org, int limit, int offset);
  core::Result<core::User> getUser(const std::string& org, const std::string& id);
  core::Result<core::SubjectRoles> updateUserRoles(const std::string& org, const std::string& id,
                                                   const core::UpdateUserRolesRequest& r);
  // DELETE /organizations/{org}/users/{id}: removes the user from the organization.
  core::Result<void> removeUser(const std::string& org, const std::string& id);
  core::Result<core::Invite> createInvite(const std::string& org,
                                          const core::CreateUserInviteRequest& r);
  core::Result<void> deleteInvite(const std::string& org, const std::string& id);

  // ---- teams (reference §3.6–§3.12)
  core::Result<core::Page<core::Team>> listTeams(const std::string& org, int limit, int offset);
  core::Result<core::Team> createTeam(const std::string& org, const core::CreateTeamRequest& r);
  core::Result<core::Team> getTeam(const std::string& org, const std::string& id);
  core::Result<core::Team> updateTeam(const std::string& org, const std::string& id,
                                      const core::UpdateTeamRequest& r);
  core::Result<void> deleteTeam(const std::string& org, const std::string& id);
  core::Result<core::Page<core::TeamMember>> listTeamMembers(const std::string& org,
                                                             const std::string& teamId, int limit,
                                                             int offset);
  core::Result<void> addTeamMembers(const std::string& org, const std::string& teamId,
                                    const core::AddTeamMembersRequest& r);
  core::Result<void> removeTeamMember(const std::string& org, const std::string& teamId,
                                      const std::string& userId);
  core::Result<core::SubjectRoles> updateTeamRoles(const std::string& org,
                                                   const std::string& teamId,
                                                   const core::UpdateTeamRolesRequest& r);

  // ---- roles (reference §3.15)
  // GET /organizations/{org}/roles?includeDefaultRoles=<b>&limit=&offset=
  core::Result<core::RolesPage> listRoles(const std::string& org, bool includeDefaultRoles,
                                          int limit, int offset);

  // ---- workspaces
  // GET /organizations/{org}/workspaces?limit=&offset=&sorts=name:asc
  core::Result<core::Page<core::Workspace>> listWorkspaces(const std::string& org, int limit,
                                                           int offset);
  core::Result<core::Workspace> createWorkspace(const std::string& org,
                                                const core::CreateWorkspaceRequest& r);
  core::Result<core::Workspace> getWorkspace(const std::string& org, const std::string& id);
  core::Result<core::Workspace> updateWorkspace(const std::string& org, const std::string& id,
                                                const core::UpdateWorkspaceRequest& r);
  core::Result<void> deleteWorkspace(const std::string& org, const std::string& id);

  // ---- audit log (reference §7)
  // GET /organizations/{org}/audit-logs?startDate=<startDate> with Accept-Encoding: gzip; the body
  // exactly as received (gzip or plain NDJSON). `startDate` is RFC 3339 text ("" sends none).
  core::Result<std::string> exportAuditLogs(const std::string& org, const std::string& startDate);

  // Collect pager: every organization (limit 100; stops on an empty page or totalCount;
  // "aborted listing organizations after 100 pages").
  core::Result<std::vector<core::Organization>> listAllOrganizations();
  // Offset loop: every token (limit 100; stops when totalCount <= offset + 100).
  core::Result<std::vector<core::ApiToken>> listAllTokens(const std::string& org,
                                                          const core::TokenListFilter& filter);

  // Offset loops (limit 100; stop when totalCount <= offset + 100).
  core::Result<std::vector<core::User>> listAllUsers(const std::string& org);
  core::Result<std::vector<core::Team>> listAllTeams(const std::string& org);
  core::Result<std::vector<core::TeamMember>> listAllTeamMembers(const std::string& org,
                                                                 const std::string& teamId);
  // Collect pager: every workspace (limit 1000, sorts=name:asc; "aborted listing workspaces
  // after 100 pages").
  core::Result<std::vector<core::Workspace>> listAllWorkspaces(const std::string& org);
  // The role list loop of reference §3.15, extra request included: includeDefaultRoles is true
  // only while the flag is set and no default roles were collected; stop when totalCount <=
  // offset, else offset += 100.
  struct AllRoles {
    std::vector<core::DefaultRole> defaultRoles;
    std::vector<core::CustomRole> roles;
  };
  core::Result<AllRoles> listAllRoles(const std::string& org, bool includeDefaultRoles);

  struct Raw {
    int status = 0;
    std::string body;
    std::string contentType;
  };
  // One request; non-2xx statuses are normalised into errors. Exposed for tests and new endpoints.
  core::Result<Raw> call(const std::string& method, const std::string& pathAndQuery,
                         const std::string* jsonBody, const Headers& extraHeaders = {});

 private:
  HttpTransport& transport_;
  ApiClientConfig config_;
};

}  // namespace astro::client
