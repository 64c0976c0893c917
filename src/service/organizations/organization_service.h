// Organizations: what a subject may see, and the one-time bootstrap (`astro-server init`).
#pragma once

#include <string>
#include <string_view>

#include "core/organizations/organization.h"
#include "core/pagination.h"
#include "core/result.h"
#include "service/audit/audit_log.h"
#include "service/caller.h"
#include "service/clock.h"
#include "service/settings.h"
#include "store/store.h"

namespace astro::service {

struct InitResult {
  bool created = false;  // false: the database was already initialised, nothing changed
  core::Organization organization;
  std::string ownerUserId;
  std::string ownerEmail;
  std::string tokenId;
  std::string tokenValue;  // only when created
};

class OrganizationService {
 public:
  OrganizationService(store::Store& store, const Clock& clock, core::RandomBytes random,
                      const AuditLog& audit, ServiceSettings settings = {});

  // The organizations the caller belongs to (a token: only its own). Sorts: createdAt, name,
  // updatedAt.
  core::Result<core::Page<core::Organization>> list(const Caller& caller,
                                                    const core::ListQuery& query);
  core::Result<core::Organization> get(const Caller& caller, std::string_view orgId);

  // Creates the organization, its first OWNER user and one ORGANIZATION_OWNER API token named
  // "Initial owner token". Idempotent: when any organization exists, changes nothing and returns
  // created=false with the existing organization.
  core::Result<InitResult> init(const std::string& orgName, const std::string& ownerEmail);

 private:
  store::Store& store_;
  const Clock& clock_;
  core::RandomBytes random_;
  const AuditLog& audit_;
  ServiceSettings settings_;
};

}  // namespace astro::service
