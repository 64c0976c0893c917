// JSON mapping of the access-model shapes (reference §8): users, invites, teams, team members,
// workspaces and roles. Same conventions as api_json.h: responses written by the server and read
// leniently by the CLI; requests written by the CLI and read strictly by the server.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/invites/invite.h"
#include "core/pagination.h"
#include "core/result.h"
#include "core/roles/role_catalog.h"
#include "core/teams/team.h"
#include "core/users/user.h"
#include "core/workspaces/workspace.h"

namespace astro::core {

// ---- responses: C++ -> JSON (toJson(User) and toJson(SubjectRoles) are in api_json.h)
boost::json::object toJson(const Team& t);
boost::json::object toJson(const TeamMember& m);
boost::json::object toJson(const Invite& i);
boost::json::object toJson(const Workspace& w);
boost::json::object toJson(const DefaultRole& r);
boost::json::object toJson(const CustomRole& r);
boost::json::object toJson(const RolesPage& p);

// ---- responses: JSON -> C++
Result<User> userFromJson(const boost::json::value& v);
Result<Page<User>> userPageFromJson(const boost::json::value& v);
Result<Team> teamFromJson(const boost::json::value& v);
Result<Page<Team>> teamPageFromJson(const boost::json::value& v);
Result<TeamMember> teamMemberFromJson(const boost::json::value& v);
Result<Page<TeamMember>> teamMemberPageFromJson(const boost::json::value& v);
Result<Invite> inviteFromJson(const boost::json::value& v);
Result<Workspace> workspaceFromJson(const boost::json::value& v);
Result<Page<Workspace>> workspacePageFromJson(const boost::json::value& v);
Result<RolesPage> rolesPageFromJson(const boost::json::value& v);

// ---- requests: C++ -> JSON
boost::json::object toJson(const CreateUserInviteRequest& r);
boost::json::object toJson(const UpdateUserRolesRequest& r);
boost::json::object toJson(const CreateTeamRequest& r);
boost::json::object toJson(const UpdateTeamRequest& r);
boost::json::object toJson(const UpdateTeamRolesRequest& r);
boost::json::object toJson(const AddTeamMembersRequest& r);
boost::json::object toJson(const CreateWorkspaceRequest& r);
boost::json::object toJson(const UpdateWorkspaceRequest& r);

// ---- requests: JSON -> C++ (strict)
Result<CreateUserInviteRequest> parseCreateUserInviteRequest(const boost::json::value& v);
Result<UpdateUserRolesRequest> parseUpdateUserRolesRequest(const boost::json::value& v);
Result<CreateTeamRequest> parseCreateTeamRequest(const boost::json::value& v);
Result<UpdateTeamRequest> parseUpdateTeamRequest(const boost::json::value& v);
Result<UpdateTeamRolesRequest> parseUpdateTeamRolesRequest(const boost::json::value& v);
Result<AddTeamMembersRequest> parseAddTeamMembersRequest(const boost::json::value& v);
Result<CreateWorkspaceRequest> parseCreateWorkspaceRequest(const boost::json::value& v);
Result<UpdateWorkspaceRequest> parseUpdateWorkspaceRequest(const boost::json::value& v);

}  // namespace astro::core
