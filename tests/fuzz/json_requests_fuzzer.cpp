// Fuzzes every JSON request parser of src/core/json (the server's strict readers) and the
// client's response readers: the input is a request body, read as the server reads it
// (parseJsonBody) and handed to each parser. Invariants: nothing crashes or throws, errors are
// values; and a request that parses writes (toJson) a body that parses again to the same JSON.
#include <boost/json/serialize.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/json/access_json.h"
#include "core/json/api_json.h"
#include "core/json/json_reader.h"

namespace {

using namespace astro::core;

template <typename Parse>
void roundTrip(const boost::json::value& body, Parse&& parse, const char* what) {
  auto first = parse(body);
  if (!first.ok()) {
    if (first.error().message.empty()) {
      std::fprintf(stderr, "%s: an error without a message\n", what);
      std::abort();
    }
    return;
  }
  const boost::json::value written = toJson(*first);
  auto second = parse(written);
  if (!second.ok()) {
    std::fprintf(stderr, "%s: toJson wrote %s, which does not parse: %s\n", what,
                 boost::json::serialize(written).c_str(), second.error().message.c_str());
    std::abort();
  }
  if (boost::json::value(toJson(*second)) != written) {
    std::fprintf(stderr, "%s: %s does not read back the same\n", what,
                 boost::json::serialize(written).c_str());
    std::abort();
  }
}

template <typename Read>
void readOnly(const boost::json::value& body, Read&& read) {
  (void)read(body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto body = parseJsonBody(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!body.ok()) return 0;
  const boost::json::value& v = *body;
  // Server side: what each POST route reads.
  roundTrip(v, parseCreateApiTokenRequest, "CreateApiTokenRequest");
  roundTrip(v, parseUpdateApiTokenRequest, "UpdateApiTokenRequest");
  roundTrip(v, parseUpdateApiTokenRolesRequest, "UpdateApiTokenRolesRequest");
  roundTrip(v, parseCreateUserInviteRequest, "CreateUserInviteRequest");
  roundTrip(v, parseUpdateUserRolesRequest, "UpdateUserRolesRequest");
  roundTrip(v, parseCreateTeamRequest, "CreateTeamRequest");
  roundTrip(v, parseUpdateTeamRequest, "UpdateTeamRequest");
  roundTrip(v, parseUpdateTeamRolesRequest, "UpdateTeamRolesRequest");
  roundTrip(v, parseAddTeamMembersRequest, "AddTeamMembersRequest");
  roundTrip(v, parseCreateWorkspaceRequest, "CreateWorkspaceRequest");
  roundTrip(v, parseUpdateWorkspaceRequest, "UpdateWorkspaceRequest");
  // Client side: what the CLI reads from a server (which may be hostile).
  readOnly(v, apiTokenFromJson);
  readOnly(v, apiTokenPageFromJson);
  readOnly(v, organizationFromJson);
  readOnly(v, organizationPageFromJson);
  readOnly(v, selfUserFromJson);
  readOnly(v, subjectRolesFromJson);
  readOnly(v, subjectProfileFromJson);
  readOnly(v, userFromJson);
  readOnly(v, userPageFromJson);
  readOnly(v, teamFromJson);
  readOnly(v, teamPageFromJson);
  readOnly(v, teamMemberFromJson);
  readOnly(v, teamMemberPageFromJson);
  readOnly(v, inviteFromJson);
  readOnly(v, workspaceFromJson);
  readOnly(v, workspacePageFromJson);
  readOnly(v, rolesPageFromJson);
  return 0;
}
