// Who may do what with organization API tokens: every operation for OWNER, BILLING_ADMIN and
// MEMBER subjects, as users and as API tokens; and 404 for every operation across organizations.
#include <functional>

#include "service_fixture.h"

namespace astro::service::testing {
namespace {

struct Operation {
  std::string action;  // the audit action
  // Runs the operation on org `org` against a fresh target token; returns the error, if any.
  std::function<std::optional<core::Error>(ServiceTest&, Services&, const Caller&,
                                           const std::string& org, const std::string& tokenId)>
      run;
};

template <typename T>
std::optional<core::Error> errorOf(const core::Result<T>& r) {
  if (r.ok()) return std::nullopt;
  return r.error();
}

std::vector<Operation> operations() {
  return {
      {"apiToken.list", [](ServiceTest&, Services& s, const Caller& c, const std::string& org,
                           const std::string&) { return errorOf(s.tokens.list(c, org, {}, {})); }},
      {"apiToken.get", [](ServiceTest&, Services& s, const Caller& c, const std::string& org,
                          const std::string& id) { return errorOf(s.tokens.get(c, org, id)); }},
      {"apiToken.create",
       [](ServiceTest&, Services& s, const Caller& c, const std::string& org, const std::string&) {
         return errorOf(s.tokens.create(c, org, createRequest("new", "ORGANIZATION_MEMBER")));
       }},
      {"apiToken.update",
       [](ServiceTest&, Services& s, const Caller& c, const std::string& org,
          const std::string& id) {
         core::UpdateApiTokenRequest r;
         r.name = "renamed";
         return errorOf(s.tokens.update(c, org, id, r));
       }},
      {"apiToken.updateRoles",
       [](ServiceTest&, Services& s, const Caller& c, const std::string& org,
          const std::string& id) {
         return errorOf(
             s.tokens.updateRoles(c, org, id, rolesRequest(org, "ORGANIZATION_BILLING_ADMIN")));
       }},
      {"apiToken.rotate",
       [](ServiceTest&, Services& s, const Caller& c, const std::string& org,
          const std::string& id) { return errorOf(s.tokens.rotate(c, org, id)); }},
      {"apiToken.delete",
       [](ServiceTest&, Services& s, const Caller& c, const std::string& org,
          const std::string& id) { return errorOf(s.tokens.remove(c, org, id)); }},
  };
}

class TokenPermissionsTest : public ServiceTest {};

TEST_F(TokenPermissionsTest, EveryOperationForEveryRoleAsUserAndAsToken) {
  struct SubjectCase {
    std::string label;
    core::OrgRole role;
    std::function<Caller()> caller;
  };
  const std::vector<SubjectCase> subjects{
      {"owner user", core::OrgRole::Owner, [&] { return userCaller(ownerUser_); }},
      {"billing user", core::OrgRole::BillingAdmin, [&] { return userCaller(billingUser_); }},
      {"member user", core::OrgRole::Member, [&] { return userCaller(memberUser_); }},
      {"owner token", core::OrgRole::Owner, [&] { return tokenCaller(ownerToken_.value); }},
      {"billing token", core::OrgRole::BillingAdmin,
       [&] { return tokenCaller(billingToken_.value); }},
      {"member token", core::OrgRole::Member, [&] { return tokenCaller(memberToken_.value); }},
  };
  int cases = 0;
  for (const auto& subject : subjects) {
    for (const auto& op : operations()) {
      SCOPED_TRACE(subject.label + " / " + op.action);
      const SeededToken target = newTargetToken();
      const Caller caller = subject.caller();
      const auto before = findToken(orgA_, target.id);
      const auto auditBefore = auditOf(orgA_).size();
      const auto err = op.run(*this, services_, caller, orgA_, target.id);
      ++cases;
      if (subject.role == core::OrgRole::Owner) {
        EXPECT_FALSE(err) << err->message;
        continue;
      }
      ASSERT_TRUE(err);
      EXPECT_EQ(err->code, core::ErrorCode::Forbidden);
      EXPECT_EQ(err->message, "permission denied: " + std::string(core::toString(subject.role)) +
                                  " cannot manage organization API tokens");
      // Nothing changed, and the refusal is audited.
      EXPECT_EQ(findToken(orgA_, target.id)->token, before->token);
      auto audit = auditOf(orgA_);
      ASSERT_EQ(audit.size(), auditBefore + 1);
      EXPECT_EQ(audit.back().outcome, "DENIED");
      EXPECT_EQ(audit.back().action, op.action);
      EXPECT_EQ(audit.back().reason, err->message);
      EXPECT_EQ(audit.back().actorId, caller.subject.id);
      EXPECT_EQ(audit.back().actorType, subject.label.ends_with("token") ? "SERVICEKEY" : "USER");
      EXPECT_EQ(audit.back().requestId, caller.meta.requestId);
      EXPECT_TRUE(audit.back().changes.empty());
    }
  }
  EXPECT_EQ(cases, 42);
}

TEST_F(TokenPermissionsTest, AnotherOrganizationIsNotFoundForEveryOperation) {
  const std::vector<std::pair<std::string, std::function<Caller()>>> outsiders{
      {"org B owner user", [&] { return userCaller(outsiderUser_); }},
      {"org B owner token", [&] { return tokenCaller(outsiderToken_.value); }},
  };
  for (const auto& [label, makeCaller] : outsiders) {
    for (const auto& op : operations()) {
      SCOPED_TRACE(label + " / " + op.action);
      const SeededToken target = newTargetToken();
      const auto before = findToken(orgA_, target.id);
      const auto auditBefore = auditOf(orgA_).size();
      const auto err = op.run(*this, services_, makeCaller(), orgA_, target.id);
      ASSERT_TRUE(err);
      EXPECT_EQ(err->code, core::ErrorCode::NotFound);
      EXPECT_EQ(err->message, "organization not found");
      EXPECT_EQ(findToken(orgA_, target.id)->token, before->token);
      EXPECT_EQ(auditOf(orgA_).size(), auditBefore);  // nothing written that reveals org A
    }
  }
}

TEST_F(TokenPermissionsTest, ATokenOfAnotherOrganizationIsNotFoundInsideYours) {
  // An org A owner naming org B's token through org A: 404 for the token, never a hint.
  for (const auto& op : operations()) {
    if (op.action == "apiToken.list" || op.action == "apiToken.create") continue;
    SCOPED_TRACE(op.action);
    const auto err = op.run(*this, services_, userCaller(ownerUser_), orgA_, outsiderToken_.id);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->code, core::ErrorCode::NotFound);
    EXPECT_EQ(err->message, "API token not found");
  }
  auto stillThere = findToken(orgB_, outsiderToken_.id);
  ASSERT_TRUE(stillThere);
  EXPECT_EQ(stillThere->token.name, "b owner token");
  EXPECT_TRUE(services_.auth.authenticate(outsiderToken_.value).ok());
}

TEST_F(TokenPermissionsTest, AnUnknownOrganizationIsNotFound) {
  const auto err = operations()[0].run(*this, services_, userCaller(ownerUser_),
                                       "c000000000000000000000000", "");
  ASSERT_TRUE(err);
  EXPECT_EQ(err->code, core::ErrorCode::NotFound);
}

}  // namespace
}  // namespace astro::service::testing
