// astro organization switch [organization name/id]
#include <ostream>

#include "cli/command.h"
#include "cli/commands/organization/organization_commands.h"
#include "cli/commands/workspace/workspace_commands.h"
#include "cli/factory.h"
#include "cli/prompt.h"
#include "cli/table.h"
#include "core/ids.h"

namespace astro::cli {

namespace {

core::Result<core::Organization> resolveTarget(const OrganizationSwitchOptions& o, Environment& env,
                                               Session& s) {
  if (o.organization.empty()) {
    auto orgs = s.api().listAllOrganizations();
    if (!orgs) return std::move(orgs).error();
    Selection sel;
    sel.table.headers = {"NAME", "ID"};
    for (const auto& org : *orgs) sel.table.addRow({org.name, org.id}, org.id == s.organization);
    sel.invalidMessage = "invalid organization selection";
    sel.noInput = [&orgs] {
      std::string m =
          "an organization must be chosen but there is no answer to read (stdin is "
          "closed or not a terminal); candidates: ";
      for (std::size_t i = 0; i < orgs->size(); ++i)
        m += (i ? ", \"" : "\"") + (*orgs)[i].name + "\" (" + (*orgs)[i].id + ")";
      m += ". Pass the organization name or ID: astro organization switch <ORGANIZATION>";
      return core::Error::notFound(m);
    };
    auto i = selectRow(env, sel);
    if (!i) return std::move(i).error();
    return (*orgs)[*i];
  }
  if (core::isCuid(o.organization)) return s.api().getOrganization(o.organization);
  // Find pager: stop at the first exact (case-sensitive) name match.
  std::size_t seen = 0;
  for (int page = 0; page < 100; ++page) {
    auto p = s.api().listOrganizations(100, static_cast<int>(seen));
    if (!p) return std::move(p).error();
    for (auto& org : p->items)
      if (org.name == o.organization) return std::move(org);
    seen += p->items.size();
    if (p->items.empty() || static_cast<std::int64_t>(seen) >= p->totalCount) break;
  }
  return core::Error::notFound("invalid organization name");
}

core::Result<void> organizationSwitch(const OrganizationSwitchOptions& o, Environment& env) {
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto target = resolveTarget(o, env, *s);
  if (!target) return std::move(target).error();
  if (target->id == s->organization) {
    env.out << "You selected the same organization as the current one. No switch was made\n";
  } else {
    std::string domain = s->domain;
    std::string product = target->product.empty() ? "HYBRID" : target->product;
    auto written = updateConfig(env.resolvedConfigPath(), [&](Config& c) -> core::Result<void> {
      auto& ctx = c.upsert(domain);
      ctx.organization = target->id;
      ctx.organizationProduct = product;
      return {};
    });
    if (!written) return written;
    env.out << "\nSuccessfully switched organization\n";
  }
  // Runs whether or not the organization changed (reference §3.2 step 6, §10.5).
  if (!o.workspaceId.empty()) return switchWorkspace(env, *s, target->id, o.workspaceId);
  return {};
}

}  // namespace

int runOrganizationSwitch(const OrganizationSwitchOptions& o, Environment& env) {
  return finish(env, organizationSwitch(o, env));
}

}  // namespace astro::cli
