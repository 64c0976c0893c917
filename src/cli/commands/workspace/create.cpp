// astro workspace create
#include <ostream>

#include "cli/command.h"
#include "cli/commands/token/token_support.h"
#include "cli/commands/workspace/workspace_commands.h"
#include "cli/prompt.h"
#include "client/terminal_text.h"

namespace astro::cli {

namespace {
core::Result<void> workspaceCreate(const WorkspaceCreateOptions& o, Environment& env) {
  std::string name = o.name;
  if (name.empty()) {
    env.out << "Please specify a name for your Workspace\n";
    name = promptText(env, std::string("\n").append(bold(env, "Workspace name: ")));
    if (name.empty())
      return core::Error::invalid("no name provided for the workspace. Retry with a valid name");
  }
  auto s = openSession(env);
  if (!s) return std::move(s).error();
  core::CreateWorkspaceRequest req;
  req.name = name;
  if (o.descriptionGiven) req.description = o.description;
  req.cicdEnforcedDefault = o.enforceCicd;
  auto ws = s->api().createWorkspace(s->organization, req);
  if (!ws) return std::move(ws).error();
  env.out << "Astro Workspace " << client::terminalText(name) << " was successfully created\n";
  return {};
}
}  // namespace

int runWorkspaceCreate(const WorkspaceCreateOptions& o, Environment& env) {
  return finish(env, workspaceCreate(o, env));
}

}  // namespace astro::cli
