// Micro benchmarks of the hot paths: token generate/parse/hash, permission check, JSON
// serialization of an ApiToken, a store lookup by token hash (SQLite file, 10,000 tokens), and the
// whole request handler (route, authenticate, authorize, read, serialize) without the HTTP
// transport, for the get, list and wrong-token scenarios of scripts/bench.sh.
#include <benchmark/benchmark.h>

#include <boost/json/serialize.hpp>

#include <filesystem>

#include "core/ids.h"
#include "core/json/api_json.h"
#include "core/roles/roles.h"
#include "core/tokens/token_codec.h"
#include "seed.h"
#include "server/handlers/api_handler.h"
#include "service/clock.h"
#include "service/services.h"
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

// The same token through the direct writer the server uses (json_writer.h), into a reused buffer
// as a connection's response body is.
void BM_ApiTokenAppendJson(benchmark::State& state) {
  auto t = sampleToken();
  std::string out;
  for (auto _ : state) {
    out.clear();
    core::appendJson(out, t);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_ApiTokenAppendJson);

void BM_StoreFindTokenByHash(benchmark::State& state) {
  auto dir = std::filesystem::temp_directory_path() / "astro-micro-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  store::SqliteStore db({.path = (dir / "bench.db").string(), .create = true});
  std::vector<std::string> hashes;
  {
    auto tx = db.begin(store::Store::Mode::Write);
    core::Organization org;
    org.id = core::generateId(random());
    org.name = "Bench";
    tx->organizations().insert(org);
    for (int i = 0; i < 10000; ++i) {
      store::TokenRecord r;
      r.organizationId = org.id;
      r.token = sampleToken();
      r.token.id = core::generateId(random());
      r.valueHash = core::hashTokenValue(
          core::generateTokenValue(core::TokenScopeTag::Organization, "", random()));
      r.token.roles[0].entityId = org.id;
      hashes.push_back(r.valueHash);
      tx->tokens().insert(r);
    }
    tx->commit();
  }
  std::size_t i = 0;
  for (auto _ : state) {
    auto tx = db.begin(store::Store::Mode::Read);
    benchmark::DoNotOptimize(tx->tokens().findByHash(hashes[i++ % hashes.size()]));
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_StoreFindTokenByHash);

// The API handler over a file database with 10,000 tokens, as the server runs it (one thread).
struct HandlerFixture {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "astro-micro-handler";
  std::unique_ptr<store::SqliteStore> db;
  service::SystemClock clock;
  std::unique_ptr<service::Services> services;
  std::unique_ptr<server::handlers::ApiHandler> handler;
  bench::Seeded seeded;
  std::string bearer, wrongBearer, getPath, listPath;

  HandlerFixture() {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = std::make_unique<store::SqliteStore>(
        store::SqliteOptions{.path = (dir / "h.db").string(), .create = true});
    services = std::make_unique<service::Services>(*db, clock, random());
    seeded = bench::seedTokens(*db, *services, clock, random(), 10000);
    handler = std::make_unique<server::handlers::ApiHandler>(*services, *db);
    bearer = "Bearer " + seeded.ownerToken;
    wrongBearer = "Bearer " + seeded.unknownToken;
    getPath = "/v1/organizations/" + seeded.orgId + "/tokens/" + seeded.middleTokenId;
    listPath = "/v1/organizations/" + seeded.orgId + "/tokens";
  }
  ~HandlerFixture() {
    handler.reset();
    services.reset();
    db.reset();
    std::filesystem::remove_all(dir);
  }
  static HandlerFixture& get() {
    static HandlerFixture f;
    return f;
  }
};

void runHandler(benchmark::State& state, std::string_view path, std::string_view query,
                std::string_view authorization, int expectStatus) {
  auto& f = HandlerFixture::get();
  server::http::HttpRequest req;
  req.method = server::http::Method::Get;
  req.methodName = "GET";
  req.path = path;
  req.query = query;
  req.hasQuery = !query.empty();
  req.authorization = authorization;
  req.remoteAddress = "127.0.0.1";
  req.requestId = "bench";
  server::http::HttpResponse res;
  for (auto _ : state) {
    res.clear();
    f.handler->handle(req, res);
    if (res.status != expectStatus) {
      state.SkipWithError(("unexpected status " + std::to_string(res.status)).c_str());
      break;
    }
    benchmark::DoNotOptimize(res.body.data());
  }
  state.counters["body_bytes"] = static_cast<double>(res.body.size());
}

void BM_HandleGetToken(benchmark::State& state) {
  auto& f = HandlerFixture::get();
  runHandler(state, f.getPath, "", f.bearer, 200);
}
BENCHMARK(BM_HandleGetToken);

void BM_HandleListTokens20(benchmark::State& state) {
  auto& f = HandlerFixture::get();
  runHandler(state, f.listPath, "limit=20", f.bearer, 200);
}
BENCHMARK(BM_HandleListTokens20);

void BM_HandleWrongToken(benchmark::State& state) {
  auto& f = HandlerFixture::get();
  runHandler(state, f.getPath, "", f.wrongBearer, 401);
}
BENCHMARK(BM_HandleWrongToken);

}  // namespace

BENCHMARK_MAIN();
