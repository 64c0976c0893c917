// JSON mapping of the API's shapes (reference §8): one definition for the server (writes
// responses, reads requests strictly) and the CLI (writes requests, reads responses).
// Optional fields are omitted when empty, as the Go client's `omitempty` pointers are.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json/json_writer.h"  // the direct writers of the token responses
#include "core/organizations/organization.h"
#include "core/pagination.h"
#include "core/result.h"
#include "core/tokens/api_token.h"
#include "core/users/user.h"

namespace astro::core {

// ---- responses: C++ -> JSON
boost::json::object toJson(const BasicSubjectProfile& p);
boost::json::object toJson(const ApiTokenRole& r);
boost::json::object toJson(const ApiToken& t);
boost::json::object toJson(const Organization& o);
boost::json::object toJson(const User& u);
boost::json::object toJson(const SelfUser& u);
boost::json::object toJson(const SubjectRoles& r);
// `{"<key>":[...],"limit","offset","totalCount"}`
template <typename T>
boost::json::object pageToJson(const Page<T>& page, std::string_view key) {
  boost::json::array items;
  items.reserve(page.items.size());
  for (const auto& item : page.items) items.emplace_back(toJson(item));
  boost::json::object o;
  o[key] = std::move(items);
  o["limit"] = page.limit;
  o["offset"] = page.offset;
  o["totalCount"] = page.totalCount;
  return o;
}
// `{"message","requestId","statusCode"[,"fieldErrors"]}`
boost::json::object errorToJson(const Error& e, std::string_view requestId);

// ---- responses: JSON -> C++ (client side; missing optional fields tolerated)
Result<BasicSubjectProfile> subjectProfileFromJson(const boost::json::value& v);
Result<ApiToken> apiTokenFromJson(const boost::json::value& v);
Result<Page<ApiToken>> apiTokenPageFromJson(const boost::json::value& v);
Result<Organization> organizationFromJson(const boost::json::value& v);
Result<Page<Organization>> organizationPageFromJson(const boost::json::value& v);
Result<SelfUser> selfUserFromJson(const boost::json::value& v);
Result<SubjectRoles> subjectRolesFromJson(const boost::json::value& v);

// ---- requests: C++ -> JSON (client side)
boost::json::object toJson(const CreateApiTokenRequest& r);
boost::json::object toJson(const UpdateApiTokenRequest& r);
boost::json::object toJson(const UpdateApiTokenRolesRequest& r);

// ---- requests: JSON -> C++ (server side; strict: unknown fields and wrong types are 400)
Result<CreateApiTokenRequest> parseCreateApiTokenRequest(const boost::json::value& v);
Result<UpdateApiTokenRequest> parseUpdateApiTokenRequest(const boost::json::value& v);
Result<UpdateApiTokenRolesRequest> parseUpdateApiTokenRolesRequest(const boost::json::value& v);

std::string_view toString(SubjectType t);  // "USER" | "SERVICEKEY"

}  // namespace astro::core
