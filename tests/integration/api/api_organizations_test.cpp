// Organizations and /users/self.
#include <boost/json.hpp>

#include "api_test_fixture.h"

namespace astro::test {
namespace json = boost::json;

TEST_F(ApiTest, ListOrganizationsReturnsOrganizationsPaginated) {
  auto r = get("/v1/organizations?limit=100&offset=0");
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json().as_object();
  EXPECT_EQ(body.at("limit").as_int64(), 100);
  EXPECT_EQ(body.at("offset").as_int64(), 0);
  EXPECT_EQ(body.at("totalCount").as_int64(), 1);
  auto& orgs = body.at("organizations").as_array();
  ASSERT_EQ(orgs.size(), 1u);
  auto& o = orgs[0].as_object();
  EXPECT_EQ(str(o.at("id")), orgId);
  EXPECT_EQ(str(o.at("name")), "Acme");
  EXPECT_EQ(str(o.at("product")), "HOSTED");
  for (auto key : {"createdAt", "updatedAt"}) EXPECT_TRUE(o.at(key).is_string()) << key;
  for (auto key : {"createdBy", "updatedBy"}) EXPECT_TRUE(o.at(key).is_object()) << key;
  for (auto key : {"allowEnhancedSupportAccess", "hasAllowedIpAddressRanges",
                   "isBlockedEnableAiFeatures", "isScimEnabled", "shouldEnforceDedicatedClusters"})
    EXPECT_TRUE(o.at(key).is_bool()) << key;
}

TEST_F(ApiTest, ListOrganizationsValidatesQuery) {
  EXPECT_EQ(get("/v1/organizations?sorts=name:asc").status, 200);
  EXPECT_EQ(get("/v1/organizations?sorts=name:desc&sorts=createdAt:asc").status, 200);
  EXPECT_EQ(get("/v1/organizations?sorts=colour:asc").status, 400);
  EXPECT_EQ(get("/v1/organizations?offset=x").status, 400);
  EXPECT_EQ(get("/v1/organizations?product=HYBRID").status, 400);
}

TEST_F(ApiTest, GetOrganization) {
  auto r = get("/v1/organizations/" + orgId);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(r.json().as_object().at("id")), orgId);
  EXPECT_EQ(str(r.json().as_object().at("name")), "Acme");
  EXPECT_EQ(get("/v1/organizations/" + orgId + "?isLookUpOnly=true").status, 200);
  auto missing = get("/v1/organizations/c000000000000000000000000");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(str(missing.json().as_object().at("message")), "organization not found");
}

TEST_F(ApiTest, SelfWithAnApiTokenIs403) {
  auto r = get("/v1/users/self?createIfNotExist=true");
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.json().as_object().at("message"),
            "this endpoint describes a user; the request was made with an API token, which is "
            "not a user");
}

}  // namespace astro::test
