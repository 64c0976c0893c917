// Micro benchmarks of the hot paths: token generate/parse/hash, permission check, JSON
// serialization of an ApiToken, and a store lookup by token hash (SQLite file, 10,000 tokens).
#include <benchmark/benchmark.h>

#include <boost/json/serialize.hpp>

#include <filesystem>

#include "core/ids.h"
#include "core/json/api_json.h"
#include "core/roles/roles.h"
#include "core/tokens/token_codec.h"
#include "service/clock.h"
#include "store/sqlite/sqlite_store.h"

namespace {

using namespace astro;

const core::RandomBytes& random() {
  static const core::RandomBytes r = service::osRandomBytes();
  return r;
}

core::ApiToken sampleToken() {
  core::ApiToken t;
  t.id = "cene7isyqtcsq2k4lc7sdxnzh";
  t.name = "CI deploy";
  t.description = "deploys from CI";
  t.shortToken = "astro_org_Ab12Cd";
  t.roles = {{"ORGANIZATION", "cxp3yisbmmyl4d2e95fqn8qre", "ORGANIZATION_MEMBER", std::nullopt}};
  t.expiryPeriodInDays = 30;
  t.startAt = t.createdAt = t.updatedAt = core::Timestamp{std::chrono::seconds{1764417600}};
  t.endAt = t.startAt + std::chrono::hours(24 * 30);
  t.createdBy = t.updatedBy = core::BasicSubjectProfile{
      "c4qb933vvdwfr93woobso5rim", core::SubjectType::User, "owner", "owner@example.com", "", {}};
  return t;
}

void BM_TokenGenerate(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(
        core::generateTokenValue(core::TokenScopeTag::Organization, "", random()));
}
BENCHMARK(BM_TokenGenerate);

void BM_TokenParse(benchmark::State& state) {
  auto v = core::generateTokenValue(core::TokenScopeTag::Organization, "", random());
  for (auto _ : state) benchmark::DoNotOptimize(core::parseTokenValue(v));
}
BENCHMARK(BM_TokenParse);

void BM_TokenHash(benchmark::State& state) {
  auto v = core::generateTokenValue(core::TokenScopeTag::Organization, "", random());
  for (auto _ : state) benchmark::DoNotOptimize(core::hashTokenValue(v));
}
BENCHMARK(BM_TokenHash);

void BM_PermissionCheck(benchmark::State& state) {
  auto role = core::parseOrgRole("ORGANIZATION_OWNER");
  for (auto _ : state)
    benchmark::DoNotOptimize(core::allows(*role, core::Permission::ApiTokenManage));
}
BENCHMARK(BM_PermissionCheck);

void BM_ApiTokenToJson(benchmark::State& state) {
  auto t = sampleToken();
  for (auto _ : state) benchmark::DoNotOptimize(boost::json::serialize(core::toJson(t)));
}
BENCHMARK(BM_ApiTokenToJson);

void BM_StoreFindTokenByHash(benchmark::State& state) {
  auto dir = std::filesystem::temp_directory_path() / "astro-micro-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  store::SqliteStore db({.path = (dir / "bench.db").string()});
  std::vector<std::string> hashes;
  {
    auto tx = db.begin(store::Store::Mode::Write);
    core::Organization org;
    org.id = core::generateId(random());
    org.name = "Bench";
    tx->insertOrganization(org);
    for (int i = 0; i < 10000; ++i) {
      store::TokenRecord r;
      r.organizationId = org.id;
      r.token = sampleToken();
      r.token.id = core::generateId(random());
      r.valueHash = core::hashTokenValue(
          core::generateTokenValue(core::TokenScopeTag::Organization, "", random()));
      r.token.roles[0].entityId = org.id;
      hashes.push_back(r.valueHash);
      tx->insertToken(r);
    }
    tx->commit();
  }
  std::size_t i = 0;
  for (auto _ : state) {
    auto tx = db.begin(store::Store::Mode::Read);
    benchmark::DoNotOptimize(tx->findTokenByHash(hashes[i++ % hashes.size()]));
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_StoreFindTokenByHash);

}  // namespace

BENCHMARK_MAIN();
