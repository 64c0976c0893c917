// Shared rules of the services: which organization role a subject holds in an organization
// (none: the organization is "not found" for it), the exact refusal messages, input-error
// building, and the boundary that turns a StoreError into a 500 (409 for a conflict, 503 when
// the database cannot accept writes).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/pagination.h"
#include "core/result.h"
#include "core/roles/roles.h"
#include "service/caller.h"
#include "store/store.h"

namespace astro::service {

inline constexpr std::string_view kOrganizationNotFoundMessage = "organization not found";
inline constexpr std::string_view kTokenNotFoundMessage = "API token not found";
inline constexpr std::string_view kInternalErrorMessage = "internal error";
inline constexpr std::string_view kGoneMessage =
    "not found: it was deleted while this request was changing it";
inline constexpr std::string_view kConflictMessage =
    "the request conflicts with a concurrent change; retry it";
// The operator learns why from the server log (the store's FailureObserver); the client only
// that it is the server's condition, not the request's.
inline constexpr std::string_view kStoreUnavailableMessage =
    "the database cannot serve this request right now; retry later";

// The caller's effective role in `orgId`: a token's own ORGANIZATION role (in its own
// organization only); for a user, the highest of the ACTIVE membership's role and the
// organization roles of the user's teams. Outside the organization (or only invited, PENDING):
// 404 "organization not found".
core::Result<core::OrgRole> callerOrgRole(store::Transaction& tx, const Subject& subject,
                                          std::string_view orgId);

// A user's effective organization role (membership role, raised by team roles); nullopt when the
// user is not an ACTIVE member.
std::optional<core::OrgRole> effectiveUserOrgRole(store::Transaction& tx, std::string_view orgId,
                                                  std::string_view userId);

// The caller's role on a workspace of `orgId` given its effective organization role: an
// organization OWNER is WORKSPACE_OWNER of every workspace; otherwise the highest of the direct
// grant and the teams' grants (users), or the token's WORKSPACE role entry. nullopt: none.
std::optional<core::WorkspaceRole> callerWorkspaceRole(store::Transaction& tx,
                                                       const Subject& subject,
                                                       std::string_view orgId,
                                                       std::string_view workspaceId,
                                                       core::OrgRole orgRole);

// "permission denied: <ROLE> cannot grant <ROLE>, a role above its own" when `requested` is above
// `held` (no subject grants a role above its own).
std::optional<core::Error> checkOrgGrant(core::OrgRole held, core::OrgRole requested);

// "permission denied: <ROLE> cannot <action>".
std::string permissionDeniedMessage(core::OrgRole role, std::string_view action);

// 400 whose message names every problem, with the field errors attached.
core::Error invalidInput(std::vector<core::FieldError> fields);

// Field errors of a list query: offset >= 0, limit 1..1000, every sort field in `allowed`.
std::vector<core::FieldError> validateListQuery(const core::ListQuery& query,
                                                const std::vector<std::string_view>& allowed);

// Failures a client may retry: the database cannot accept writes now, gave no write turn or
// connection within its timeout (Busy), or gave the transaction up (Retry).
inline bool isTransientStoreFailure(store::StoreError::Kind kind) {
  using Kind = store::StoreError::Kind;
  return kind == Kind::Unavailable || kind == Kind::Busy || kind == Kind::Retry;
}

// The service's error for a StoreError: 500; 409 for a conflict, 404 for an update of what is no
// longer there, 503 (with Retry-After) for a transient failure. Never the store's message (the
// store told the server's log).
inline core::Error storeFailureError(const store::StoreError& e) {
  if (e.kind() == store::StoreError::Kind::Conflict)
    return core::Error::conflict(std::string(kConflictMessage));
  if (e.kind() == store::StoreError::Kind::NotFound)
    return core::Error::notFound(std::string(kGoneMessage));
  if (isTransientStoreFailure(e.kind()))
    return core::Error{core::ErrorCode::Unavailable, std::string(kStoreUnavailableMessage), {}};
  return core::Error::internal(std::string(kInternalErrorMessage));
}

// Runs `f` and turns a StoreError into the service's error (storeFailureError).
template <typename F>
auto atServiceBoundary(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const store::StoreError& e) {
    return storeFailureError(e);
  }
}

}  // namespace astro::service
