// astro workspace switch [workspace name/id]; also run by `organization switch -w`.
#include <ostream>

#include "cli/command.h"
#include "cli/commands/workspace/workspace_commands.h"
#include "cli/prompt.h"
#include "cli/table.h"

namespace astro::cli {

core::Result<std::string> targetWorkspace(Session& s, const std::string& workspaceIdFlag) {
  std::string ws = workspaceIdFlag;
  if (ws.empty())
    if (const ContextEntry* ctx = s.config.find(s.domain)) ws = ctx->workspace;
  if (ws.empty())
    return core::Error::invalid(
        "no workspace selected: pass --workspace-id <WORKSPACE_ID> or choose one with astro "
        "workspace switch <WORKSPACE>");
  return ws;
}

core::Result<void> switchWorkspace(Environment& env, Session& s, const std::string& orgId,
                                   const std::string& idOrName) {
  auto workspaces = s.api().listAllWorkspaces(orgId);
  if (!workspaces) return std::move(workspaces).error();
  const ContextEntry* ctx = s.config.find(s.domain);
  std::string current = ctx ? ctx->workspace : "";
  std::string id;
  if (idOrName.empty()) {
    Selection sel;
    sel.table.headers = {"NAME", "ID"};
    for (const auto& w : *workspaces) sel.table.addRow({w.name, w.id}, w.id == current);
    sel.invalidMessage = "invalid workspace selection";
    sel.noInput = [&workspaces] {
      std::vector<std::pair<std::string, std::string>> c;
      for (const auto& w : *workspaces) c.emplace_back(w.name, w.id);
      return noAnswerError("a workspace", c,
                           "Pass the workspace name or ID: astro workspace switch <WORKSPACE>");
    };
    auto i = selectRow(env, sel);
    if (!i) return std::move(i).error();
    id = (*workspaces)[*i].id;
  } else {
    for (const auto& w : *workspaces)
      if (w.name == idOrName || w.id == idOrName) {
        id = w.id;
        break;
      }
    if (id.empty()) return core::Error::notFound(kWorkspaceNotFound);
  }
  std::string domain = s.domain;
  auto written = updateConfig(env.resolvedConfigPath(), [&](Config& c) -> core::Result<void> {
    auto& entry = c.upsert(domain);
    entry.workspace = id;
    entry.lastUsedWorkspace = id;
    return {};
  });
  if (!written) return written;
  Table t;
  t.headers = {"CONTROLPLANE", "WORKSPACE"};
  t.addRow({domain.empty() ? "N/A" : domain, id.empty() ? "N/A" : id});
  env.out << renderFixedTable(t, {36, 36}, env.colour());
  return {};
}

namespace {
core::Result<void> workspaceSwitch(const WorkspaceSwitchOptions& o, Environment& env) {
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  return switchWorkspace(env, *s, s->organization, o.workspace);
}
}  // namespace

int runWorkspaceSwitch(const WorkspaceSwitchOptions& o, Environment& env) {
  return finish(env, workspaceSwitch(o, env));
}

}  // namespace astro::cli
