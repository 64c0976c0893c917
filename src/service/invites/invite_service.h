// Invites: an OWNER invites an e-mail address with an organization role. The address is
// validated and lower-cased; the invitee appears in the user list with status PENDING and that
// role until the invite is accepted (accepting comes later: the invite keeps its expiry, 7 days).
// Inviting an existing member (active or pending) is 409.
#pragma once

#include <chrono>
#include <string_view>

#include "core/invites/invite.h"
#include "core/result.h"
#include "service/audit/audit_log.h"
#include "service/caller.h"
#include "service/clock.h"
#include "store/store.h"

namespace astro::service {

inline constexpr std::string_view kInviteNotFoundMessage = "invite not found";
inline constexpr std::chrono::hours kInviteLifetime{24 * 7};

class InviteService {
 public:
  InviteService(store::Store& store, const Clock& clock, core::RandomBytes random,
                const AuditLog& audit);
  core::Result<core::Invite> create(const Caller& caller, std::string_view orgId,
                                    const core::CreateUserInviteRequest& request);
  // Withdraws a pending invite: the PENDING membership goes with it.
  core::Result<void> remove(const Caller& caller, std::string_view orgId,
                            std::string_view inviteId);

 private:
  store::Store& store_;
  const Clock& clock_;
  core::RandomBytes random_;
  const AuditLog& audit_;
};

}  // namespace astro::service
