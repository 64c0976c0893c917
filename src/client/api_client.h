// A typed client for the Astro v1 API subset we serve: one method per endpoint, plus the paging
// loops the CLI uses (reference §6.5). Errors are normalised core::Errors (api_error.h); a network
// failure is Unavailable "cannot reach the server at <base URL>: <cause>".
// Not thread-safe: one client per thread (the transport is used synchronously).
#pragma once

#include <string>
#include <vector>

#include "client/client_identity.h"
#include "client/http_transport.h"
#include "core/organizations/organization.h"
#include "core/pagination.h"
#include "core/result.h"
#include "core/tokens/api_token.h"
#include "core/users/user.h"

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

  // Collect pager: every organization (limit 100; stops on an empty page or totalCount;
  // "aborted listing organizations after 100 pages").
  core::Result<std::vector<core::Organization>> listAllOrganizations();
  // Offset loop: every token (limit 100; stops when totalCount <= offset + 100).
  core::Result<std::vector<core::ApiToken>> listAllTokens(const std::string& org,
                                                          const core::TokenListFilter& filter);

  struct Raw {
    int status = 0;
    std::string body;
    std::string contentType;
  };
  // One request; non-2xx statuses are normalised into errors. Exposed for tests and new endpoints.
  core::Result<Raw> call(const std::string& method, const std::string& pathAndQuery,
                         const std::string* jsonBody);

 private:
  HttpTransport& transport_;
  ApiClientConfig config_;
};

}  // namespace astro::client
