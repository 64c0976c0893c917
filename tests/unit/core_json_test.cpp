#include "core/json/api_json.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "core/json/json_reader.h"

namespace astro::core {
namespace {

namespace json = boost::json;
using namespace std::chrono;

ApiToken sampleToken() {
  ApiToken t;
  t.id = "cabcdefghijklmnopqrstuvwx";
  t.name = "Token 1";
  t.description = "CI \"deploy\" token";
  t.shortToken = "astro_org_Ab12Cd";
  t.roles = {{"ORGANIZATION", "corg00000000000000000000a", "ORGANIZATION_OWNER", std::nullopt},
             {"DAG", "my_dag", "DAG_VIEWER", std::string("cdep0000000000000000000000")}};
  t.expiryPeriodInDays = 30;
  t.startAt = Timestamp{seconds{1764417600}};
  t.endAt = t.startAt + days(30);
  t.lastRotatedAt = t.startAt + hours(1);
  t.createdAt = t.startAt;
  t.updatedAt = t.startAt + hours(2);
  t.createdBy = BasicSubjectProfile{"cuser000000000000000000aa", SubjectType::User,
                                    "Ada Lovelace", "ada@example.com", std::nullopt, std::nullopt};
  t.updatedBy = BasicSubjectProfile{"ctok0000000000000000000aa", SubjectType::ServiceKey,
                                    std::nullopt, std::nullopt, std::nullopt, "Initial owner token"};
  return t;
}

TEST(ApiJson, TokenRoundTrip) {
  ApiToken t = sampleToken();
  auto text = json::serialize(toJson(t));
  auto back = apiTokenFromJson(json::parse(text));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, t);
}

TEST(ApiJson, TokenFieldNamesAndOmissions) {
  ApiToken t = sampleToken();
  t.endAt.reset();
  t.lastUsedAt.reset();
  auto o = toJson(t);
  for (auto key : {"id", "name", "description", "shortToken", "scope", "kind", "roles",
                   "expiryPeriodInDays", "startAt", "createdAt", "updatedAt", "createdBy",
                   "updatedBy", "lastRotatedAt"})
    EXPECT_TRUE(o.contains(key)) << key;
  EXPECT_FALSE(o.contains("token"));  // the value only ever appears on create/rotate
  EXPECT_FALSE(o.contains("endAt"));
  EXPECT_FALSE(o.contains("lastUsedAt"));
  EXPECT_EQ(o["startAt"].as_string(), "2025-11-29T12:00:00Z");
  EXPECT_EQ(o["updatedBy"].as_object()["subjectType"].as_string(), "SERVICEKEY");
  EXPECT_FALSE(o["updatedBy"].as_object().contains("fullName"));
  EXPECT_FALSE(o["roles"].as_array()[0].as_object().contains("deploymentId"));
}

TEST(ApiJson, PageEnvelope) {
  Page<ApiToken> page{{sampleToken()}, 20, 40, 41};
  auto o = pageToJson(page, "tokens");
  EXPECT_EQ(o["limit"].as_int64(), 20);
  EXPECT_EQ(o["offset"].as_int64(), 40);
  EXPECT_EQ(o["totalCount"].as_int64(), 41);
  auto back = apiTokenPageFromJson(o);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->items.size(), 1u);
  EXPECT_EQ(back->totalCount, 41);
}

TEST(ApiJson, OrganizationRoundTrip) {
  Organization org{"corg00000000000000000000a", "Acme", Timestamp{seconds{100}},
                   Timestamp{seconds{200}}, {}, {}, "HOSTED", "ACTIVE"};
  org.createdBy.id = org.updatedBy.id = "cuser000000000000000000aa";
  auto back = organizationFromJson(toJson(org));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, org);
  EXPECT_TRUE(toJson(org).contains("isScimEnabled"));
}

TEST(ApiJson, ErrorShape) {
  Error e = Error::invalid("Invalid request body", {{"required", "name", "is required"}});
  auto o = errorToJson(e, "req-1");
  EXPECT_EQ(json::serialize(o),
            R"({"message":"Invalid request body","requestId":"req-1","statusCode":400,)"
            R"("fieldErrors":[{"code":"required","field":"name","message":"is required"}]})");
  EXPECT_FALSE(errorToJson(Error::notFound("x"), "r").contains("fieldErrors"));
}

TEST(ApiJson, CreateRequestRoundTripAndStrictParsing) {
  CreateApiTokenRequest r{"n", std::string(""), "ORGANIZATION_MEMBER", "ORGANIZATION",
                          std::nullopt, std::nullopt, 7};
  auto text = json::serialize(toJson(r));
  EXPECT_EQ(text,
            R"({"description":"","name":"n","role":"ORGANIZATION_MEMBER","scope":"ORGANIZATION","tokenExpiryPeriodInDays":7})");
  auto back = parseCreateApiTokenRequest(json::parse(text));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->tokenExpiryPeriodInDays, 7);

  auto unknown = parseCreateApiTokenRequest(
      json::parse(R"({"name":"n","role":"r","scope":"ORGANIZATION","colour":"red"})"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::InvalidInput);
  ASSERT_EQ(unknown.error().fieldErrors.size(), 1u);
  EXPECT_EQ(unknown.error().fieldErrors[0].field, "colour");

  auto wrongTypes = parseCreateApiTokenRequest(
      json::parse(R"({"name":5,"role":"r","scope":"ORGANIZATION","tokenExpiryPeriodInDays":"7"})"));
  ASSERT_FALSE(wrongTypes.ok());
  EXPECT_EQ(wrongTypes.error().fieldErrors.size(), 2u);

  auto missing = parseCreateApiTokenRequest(json::parse(R"({})"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().fieldErrors.size(), 3u);

  EXPECT_FALSE(parseCreateApiTokenRequest(json::parse("[1,2]")).ok());
}

TEST(ApiJson, UpdateAndRolesRequests) {
  auto u = parseUpdateApiTokenRequest(json::parse(R"({"name":"x","tokenExpiryPeriodInDays":1})"));
  ASSERT_TRUE(u.ok());
  EXPECT_FALSE(u->description.has_value());
  EXPECT_EQ(u->tokenExpiryPeriodInDays, 1);

  auto roles = parseUpdateApiTokenRolesRequest(json::parse(
      R"({"roles":[{"entityType":"ORGANIZATION","entityId":"o","role":"ORGANIZATION_MEMBER"},{"entityType":"X"}]})"));
  ASSERT_FALSE(roles.ok());
  ASSERT_EQ(roles.error().fieldErrors.size(), 2u);
  EXPECT_EQ(roles.error().fieldErrors[0].field, "roles[1].entityId");

  UpdateApiTokenRolesRequest req{{{"ORGANIZATION", "o", "ORGANIZATION_MEMBER", std::nullopt}}};
  auto back = parseUpdateApiTokenRolesRequest(toJson(req));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->roles, req.roles);
}

TEST(ApiJson, MalformedBodyIsA400) {
  auto r = parseJsonBody("{\"name\":");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(r.error().message.rfind("Malformed JSON in request body", 0), 0u);
}

// The one field error of a refused body, as "code field".
std::string onlyFieldError(const Result<json::value>& r) {
  if (r.ok()) return "<accepted>";
  if (r.error().fieldErrors.size() != 1) return "<" + r.error().message + ">";
  return r.error().fieldErrors[0].code + " " + r.error().fieldErrors[0].field;
}

TEST(ApiJson, DuplicateKeysAreRefusedNamingTheField) {
  // Last-wins would let a proxy and this server read different names from one body.
  auto top = parseJsonBody(R"({"name":"shown to the proxy","role":"x","name":"stored"})");
  ASSERT_FALSE(top.ok());
  EXPECT_EQ(top.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(onlyFieldError(top), "duplicate_field name");
  EXPECT_EQ(top.error().fieldErrors[0].message, "is given more than once");

  EXPECT_EQ(onlyFieldError(parseJsonBody(
                R"({"roles":[{"entityType":"ORGANIZATION","role":"r"},)"
                R"({"entityType":"WORKSPACE","entityId":"c1","entityType":"ORGANIZATION"}]})")),
            "duplicate_field roles[1].entityType");
  EXPECT_EQ(onlyFieldError(parseJsonBody(R"({"a":{"b":[1,{"c":1}],"x":{"y":1,"y":2}}})")),
            "duplicate_field a.x.y");
  EXPECT_EQ(onlyFieldError(parseJsonBody(R"([[0],[1,2,{"k":1,"k":1}]])")),
            "duplicate_field [1][2].k");
  // Compared as decoded text: an escape does not make a second name.
  EXPECT_EQ(onlyFieldError(parseJsonBody(R"({"n\u0061me":"a","name":"b"})")),
            "duplicate_field name");
}

TEST(ApiJson, SameKeyInDifferentObjectsIsFineAndValuesAreKept) {
  auto r = parseJsonBody(R"({"a":{"x":1},"b":[{"x":2},{"x":3}],"x":"four","n":null,"t":true,)"
                         R"("f":1.5,"u":18446744073709551615,"neg":-3,"s":"\u00e9"})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, json::parse(R"({"a":{"x":1},"b":[{"x":2},{"x":3}],"x":"four","n":null,"t":true,)"
                            R"("f":1.5,"u":18446744073709551615,"neg":-3,"s":"\u00e9"})"));
  EXPECT_TRUE(parseJsonBody("[]").ok());
  EXPECT_TRUE(parseJsonBody("\"text\"").ok());
}

TEST(ApiJson, AHugeDuplicatedOrUnknownKeyIsNotEchoedWhole) {
  const std::string key(100000, 'k');
  auto dup = parseJsonBody("{\"" + key + "\":1,\"" + key + "\":2}");
  ASSERT_FALSE(dup.ok());
  ASSERT_EQ(dup.error().fieldErrors.size(), 1u);
  EXPECT_LE(dup.error().fieldErrors[0].field.size(), 200u);
  auto body = parseJsonBody("{\"" + key + "\":1}");
  ASSERT_TRUE(body.ok());
  JsonObjectReader reader(*body, {"name"});
  ASSERT_EQ(reader.errors().size(), 1u);
  EXPECT_EQ(reader.errors()[0].code, "unknown_field");
  EXPECT_LE(reader.errors()[0].field.size(), 200u);
}

TEST(ApiJson, ResponseWithWrongTypeIsAnError) {
  auto r = apiTokenFromJson(json::parse(R"({"id":1})"));
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace astro::core
