#include "service/invites/invite_service.h"

#include "core/ids.h"
#include "core/roles/roles.h"
#include "core/validation/access_validation.h"
#include "service/access/access_rules.h"
#include "service/access/org_access.h"

namespace astro::service {
namespace {

using Mode = store::Store::Mode;

constexpr std::string_view kTargetType = "INVITE";
constexpr std::string_view kManageAction = "invite users";

}  // namespace

InviteService::InviteService(store::Store& store, const Clock& clock, core::RandomBytes random,
                             const AuditLog& audit)
    : store_(store), clock_(clock), random_(std::move(random)), audit_(audit) {}

core::Result<core::Invite> InviteService::create(const Caller& caller, std::string_view orgId,
                                                 const core::CreateUserInviteRequest& request) {
  const std::string email = core::lowerAscii(request.inviteeEmail);
  AuditAttempt attempt(audit_, caller, orgId, "invite.create", std::string(kTargetType), "", email);
  return authorizedWrite(
      store_, caller, orgId, core::Permission::UserManage, kManageAction, attempt,
      [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<core::Invite> {
        std::vector<core::FieldError> errors;
        if (auto e = core::validateEmail(request.inviteeEmail, "inviteeEmail"))
          errors.push_back(*e);
        auto role = core::parseOrgRole(request.role);
        if (!role)
          errors.push_back({"invalid", "role", "role must be " + std::string(kOrgRolesList)});
        if (!errors.empty()) return attempt.fail(invalidInput(std::move(errors)));
        if (auto denied = checkOrgGrant(callerRole, *role)) return attempt.deny(*denied);

        auto org = tx->organizations().find(orgId);
        if (!org) return core::Error::notFound(std::string(kOrganizationNotFoundMessage));

        const core::Timestamp now = clock_.now();
        store::UserRecord user;
        if (auto found = tx->users().findByEmail(email)) {
          if (tx->users().findMembership(orgId, found->id))
            return attempt.fail(
                core::Error::conflict(email + " is already a member of this organization"));
          user = *found;  // a user of another organization: the same person, one record
        } else {
          user.id = core::generateId(random_);
          user.email = email;
          user.fullName = email.substr(0, email.find('@'));
          user.status = "PENDING";
          user.createdAt = now;
          user.updatedAt = now;
          tx->users().insert(user);
        }
        store::MembershipRecord membership{std::string(orgId), user.id, *role, now, now, "PENDING"};
        tx->users().upsertMembership(membership);

        store::InviteRecord invite;
        invite.id = core::generateId(random_);
        invite.organizationId = std::string(orgId);
        invite.email = email;
        invite.role = *role;
        invite.userId = user.id;
        invite.inviter = caller.subject.profile;
        invite.createdAt = now;
        invite.expiresAt = now + std::chrono::duration_cast<std::chrono::seconds>(kInviteLifetime);
        tx->invites().insert(invite);

        auto& rec = attempt.record();
        rec.targetId = invite.id;
        rec.changes = {
            AuditLog::change("inviteeEmail", std::nullopt, jsonText(email)),
            AuditLog::change("role", std::nullopt, jsonText(core::toString(*role))),
            AuditLog::change("userId", std::nullopt, jsonText(user.id)),
            AuditLog::change("expiresAt", std::nullopt, jsonText(invite.expiresAt)),
        };
        attempt.succeed(*tx);
        tx->commit();

        core::Invite out;
        out.inviteId = invite.id;
        out.organizationId = invite.organizationId;
        out.organizationName = org->name;
        out.expiresAt = invite.expiresAt;
        out.invitee.id = user.id;
        out.invitee.subjectType = core::SubjectType::User;
        out.invitee.username = user.email;
        out.invitee.fullName = user.fullName;
        out.inviter = caller.subject.profile;
        out.userId = user.id;
        return out;
      });
}

core::Result<void> InviteService::remove(const Caller& caller, std::string_view orgId,
                                         std::string_view inviteId) {
  AuditAttempt attempt(audit_, caller, orgId, "invite.delete", std::string(kTargetType), inviteId);
  return authorizedWrite(
      store_, caller, orgId, core::Permission::UserManage, kManageAction, attempt,
      [&](WriteTransaction& tx, core::OrgRole callerRole) -> core::Result<void> {
        auto invite = tx->invites().find(orgId, inviteId);
        if (!invite) return core::Error::notFound(std::string(kInviteNotFoundMessage));
        attempt.record().targetName = invite->email;
        tx->invites().remove(orgId, inviteId);
        // The invitee was never a member: the PENDING membership (and anything granted to it) goes.
        auto membership = tx->users().findMembership(orgId, invite->userId);
        const bool withdrawn = membership && membership->status == "PENDING";
        if (withdrawn) tx->users().removeMember(orgId, invite->userId);

        auto& rec = attempt.record();
        rec.changes = {
            AuditLog::change("inviteeEmail", jsonText(invite->email), std::nullopt),
            AuditLog::change("role", jsonText(core::toString(invite->role)), std::nullopt),
        };
        if (withdrawn)
          rec.changes.push_back(
              AuditLog::change("membershipStatus", jsonText("PENDING"), std::nullopt));
        attempt.succeed(*tx);
        tx->commit();
        return {};
      });
}

}  // namespace astro::service
