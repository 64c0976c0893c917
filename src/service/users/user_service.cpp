#include "service/users/user_service.h"

#include "service/access/org_access.h"

namespace astro::service {

UserService::UserService(store::Store& store) : store_(store) {}

core::Result<core::SelfUser> UserService::self(const Caller& caller) {
  if (caller.subject.type != core::SubjectType::User)
    return core::Error::forbidden(std::string(kSelfNeedsUserMessage));
  return atServiceBoundary([&]() -> core::Result<core::SelfUser> {
    auto tx = store_.begin(store::Store::Mode::Read);
    auto user = tx->findUser(caller.subject.id);
    if (!user) return core::Error::notFound("user not found");
    core::SelfUser out;
    out.id = user->id;
    out.username = user->email;
    out.fullName = user->fullName;
    out.avatarUrl = user->avatarUrl;
    out.status = user->status;
    out.createdAt = user->createdAt;
    out.updatedAt = user->updatedAt;
    auto memberships = tx->listMembershipsOfUser(user->id);
    if (!memberships.empty()) {
      out.organizationId = memberships.front().organizationId;
      core::SubjectRoles roles;
      roles.organizationRole = std::string(core::toString(memberships.front().role));
      out.roles = std::move(roles);
    }
    return out;
  });
}

}  // namespace astro::service
