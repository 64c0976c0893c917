// astro workspace list
#include <boost/json/array.hpp>
#include <ostream>

#include "cli/command.h"
#include "cli/commands/workspace/workspace_commands.h"
#include "cli/table.h"
#include "core/json/access_json.h"

namespace astro::cli {

namespace {
core::Result<void> workspaceList(const WorkspaceListOptions& o, Environment& env) {
  auto format = resolveOutputFormat(o.output);
  if (!format) return std::move(format).error();
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  auto workspaces = s->api().listAllWorkspaces(s->organization);
  if (!workspaces) return std::move(workspaces).error();
  if (*format != OutputFormat::Table) {
    boost::json::array a;
    for (const auto& w : *workspaces) a.emplace_back(core::toJson(w));
    env.out << renderStructured(boost::json::object{{"workspaces", std::move(a)}}, *format);
    return {};
  }
  const ContextEntry* ctx = s->config.find(s->domain);
  std::string current = ctx ? ctx->workspace : "";
  Table table;
  table.headers = {"NAME", "ID"};
  for (const auto& w : *workspaces) table.addRow({w.name, w.id}, w.id == current);
  env.out << renderTable(table, env.colour());
  return {};
}
}  // namespace

int runWorkspaceList(const WorkspaceListOptions& o, Environment& env) {
  return finish(env, workspaceList(o, env));
}

}  // namespace astro::cli
