// `astro organization team …` (reference §3.6–§3.12 plus product.md's departures): one options
// struct and one run function per command; each returns the exit status.
#pragma once

#include <string>

#include "cli/environment.h"
#include "cli/factory.h"
#include "cli/output.h"
#include "core/teams/team.h"

namespace astro::cli {

struct TeamCreateOptions {
  std::string name;
  std::string description;
  std::string role;  // "" selects
};
struct TeamListOptions {
  OutputFlags output;
};
struct TeamUpdateOptions {
  std::string teamId;
  std::string name;
  std::string description;
  std::string role;
  bool force = false;
};
struct TeamDeleteOptions {
  std::string teamId;
  bool force = false;
};
struct TeamUserOptions {  // team user add|remove
  std::string teamId;
  std::string userId;
  bool force = false;
};
struct TeamUserListOptions {
  std::string teamId;
  OutputFlags output;
};

int runTeamCreate(const TeamCreateOptions& o, Environment& env);
int runTeamList(const TeamListOptions& o, Environment& env);
int runTeamUpdate(const TeamUpdateOptions& o, Environment& env);
int runTeamDelete(const TeamDeleteOptions& o, Environment& env);
int runTeamUserAdd(const TeamUserOptions& o, Environment& env);
int runTeamUserRemove(const TeamUserOptions& o, Environment& env);
int runTeamUserList(const TeamUserListOptions& o, Environment& env);

inline constexpr const char* kTeamNotFound = "no team was found for the ID you provided";

// The team lookup (reference §3.8 step 2): by ID (GET), or by selection among all teams
// ("\nPlease select a team:", #, TEAMNAME, ID; "invalid team selection"; none: "no teams found in
// your organization"). `how` completes departure 4's message.
core::Result<core::Team> resolveTeam(Environment& env, Session& s, const std::string& teamId,
                                     const std::string& how);
// IDP-managed teams ask before a change unless forced; false: the user declined (return quietly).
bool confirmIdpTeam(Environment& env, const core::Team& team, bool force);

}  // namespace astro::cli
