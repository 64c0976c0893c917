// Test support for in-process CLI tests: a fake transport that records every request and answers
// from a small in-memory model of the v1 API, and a harness that runs `astro …` against it with a
// throwaway ASTRO_HOME and captured stdin/stdout/stderr.
#pragma once

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/environment.h"
#include "client/http_transport.h"
#include "core/json/api_json.h"

namespace astro::testing {

namespace json = boost::json;
using client::HttpRequest;
using client::HttpResponse;

inline core::Timestamp ts(const char* s) {
  return *core::parseRfc3339(s);
}

struct FakeApi {
  std::string org = "test-org-id";
  std::vector<core::Organization> orgs;
  std::vector<core::ApiToken> tokens;
  std::vector<HttpRequest> requests;
  // "METHOD /v1/path" (no query) -> {status, body}: answered instead of the model.
  std::map<std::string, std::pair<int, std::string>> failures;
  bool unreachable = false;
  int rotations = 0;

  FakeApi() {
    core::Organization o;
    o.id = org;
    o.name = "test-org";
    o.product = "HYBRID";
    orgs.push_back(o);
    tokens.push_back(token("token1", "Token 1", "ORGANIZATION_MEMBER"));
    tokens.push_back(token("token2", "Token 2", "ORGANIZATION_OWNER"));
  }

  core::ApiToken token(std::string id, std::string name, std::string role) const {
    core::ApiToken t;
    t.id = std::move(id);
    t.name = std::move(name);
    t.description = "";
    t.shortToken = "astro_org_abc";
    t.scope = "ORGANIZATION";
    t.roles = {{"ORGANIZATION", org, std::move(role), std::nullopt}};
    t.createdAt = ts("2024-01-01T00:00:00Z");
    t.updatedAt = t.createdAt;
    t.startAt = t.createdAt;
    core::BasicSubjectProfile by;
    by.id = "user1";
    by.fullName = "Owner Person";
    t.createdBy = by;
    return t;
  }

  std::size_t count(const std::string& method) const {
    std::size_t n = 0;
    for (const auto& r : requests) n += r.method == method;
    return n;
  }

  core::Result<HttpResponse> handle(const HttpRequest& r) {
    requests.push_back(r);
    if (unreachable) return core::Error{core::ErrorCode::Unavailable, "Connection refused", {}};
    const std::string prefix = "http://localhost:8888";
    std::string rest = r.url.substr(r.url.rfind(prefix, 0) == 0 ? prefix.size() : 0);
    std::string path = rest.substr(0, rest.find('?'));
    std::string query = rest.find('?') == std::string::npos ? "" : rest.substr(rest.find('?') + 1);
    if (auto it = failures.find(r.method + " " + path); it != failures.end())
      return HttpResponse{
          it->second.first, {{"Content-Type", "application/json"}}, it->second.second};
    auto ok = [](const json::value& v) {
      return HttpResponse{200, {{"Content-Type", "application/json"}}, json::serialize(v)};
    };
    auto notFound = [] {
      return HttpResponse{404, {}, R"({"message":"API token not found","statusCode":404})"};
    };
    const std::string tokensPath = "/v1/organizations/" + org + "/tokens";
    if (r.method == "GET" && path == "/v1/organizations") {
      core::Page<core::Organization> p;
      p.items = orgs;
      p.limit = 100;
      p.totalCount = static_cast<std::int64_t>(orgs.size());
      return ok(core::pageToJson(p, "organizations"));
    }
    if (r.method == "GET" && path.rfind("/v1/organizations/", 0) == 0 &&
        path.find('/', 18) == std::string::npos) {
      for (const auto& o : orgs)
        if (path == "/v1/organizations/" + o.id) return ok(core::toJson(o));
      return HttpResponse{404, {}, R"({"message":"organization not found"})"};
    }
    if (r.method == "GET" && path == tokensPath) {
      core::Page<core::ApiToken> p;
      p.items = tokens;
      p.limit = 100;
      p.totalCount = static_cast<std::int64_t>(tokens.size());
      return ok(core::pageToJson(p, "tokens"));
    }
    if (r.method == "POST" && path == tokensPath) {
      auto req = core::parseCreateApiTokenRequest(json::parse(*r.body));
      auto t = token("token" + std::to_string(tokens.size() + 1), req->name, req->role);
      t.description = req->description.value_or("");
      t.expiryPeriodInDays = req->tokenExpiryPeriodInDays;
      tokens.push_back(t);
      t.token = "astro_org_NEWVALUE";
      return ok(core::toJson(t));
    }
    if (path.rfind(tokensPath + "/", 0) == 0) {
      std::string tail = path.substr(tokensPath.size() + 1);
      std::string id = tail.substr(0, tail.find('/'));
      std::string action =
          tail.find('/') == std::string::npos ? "" : tail.substr(tail.find('/') + 1);
      auto it = std::find_if(tokens.begin(), tokens.end(), [&](auto& t) { return t.id == id; });
      if (it == tokens.end()) return notFound();
      if (r.method == "GET" && action.empty()) return ok(core::toJson(*it));
      if (r.method == "DELETE" && action.empty()) {
        tokens.erase(it);
        return HttpResponse{204, {}, ""};
      }
      if (r.method == "POST" && action.empty()) {
        auto req = core::parseUpdateApiTokenRequest(json::parse(*r.body));
        it->name = req->name;
        it->description = req->description.value_or("");
        if (req->tokenExpiryPeriodInDays) it->expiryPeriodInDays = req->tokenExpiryPeriodInDays;
        return ok(core::toJson(*it));
      }
      if (r.method == "POST" && action == "roles") {
        auto req = core::parseUpdateApiTokenRolesRequest(json::parse(*r.body));
        it->roles = req->roles;
        return ok(json::object{{"organizationRole", it->organizationRole()}});
      }
      if (r.method == "POST" && action == "rotate") {
        auto t = *it;
        t.token = "astro_org_ROTATED" + std::to_string(++rotations);
        return ok(core::toJson(t));
      }
    }
    return HttpResponse{404, {}, R"({"message":"route not found"})"};
  }
};

class FakeTransport : public client::HttpTransport {
 public:
  explicit FakeTransport(FakeApi& api) : api_(api) {}
  core::Result<HttpResponse> send(const HttpRequest& r) override { return api_.handle(r); }

 private:
  FakeApi& api_;
};

struct RunResult {
  int code = -1;
  std::string out;
  std::string err;
};

class CliHarness {
 public:
  CliHarness() {
    home_ = std::filesystem::temp_directory_path() /
            ("astro-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(home_ / ".astro");
    vars["ASTRO_HOME"] = home_.string();
    now = ts("2024-01-11T00:00:00Z");
  }
  ~CliHarness() { std::filesystem::remove_all(home_); }

  std::string configPath() const { return (home_ / ".astro" / "config.yaml").string(); }
  std::string home() const { return home_.string(); }

  void writeConfig(const std::string& text) { std::ofstream(configPath()) << text; }
  std::string readConfig() const {
    std::ifstream f(configPath());
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }
  // The fixture context of the reference's tests: domain localhost, org test-org-id.
  void loggedIn() {
    writeConfig(
        "context: localhost\ncontexts:\n  localhost:\n    domain: localhost\n    organization: "
        "test-org-id\n    organization_product: HYBRID\n    token: Bearer stored-token\n");
  }

  RunResult run(std::vector<std::string> args, const std::string& input = "",
                bool stdinTerminal = false) {
    std::istringstream in(input);
    std::ostringstream out, err;
    cli::Environment env(in, out, err);
    env.stdinIsTerminal = stdinTerminal;
    env.stdoutIsTerminal = stdoutTerminal;
    env.vars = vars;
    env.makeTransport = [this] { return std::make_unique<FakeTransport>(api); };
    env.now = [this] { return now; };
    RunResult r;
    r.code = cli::runAstro(args, env);
    r.out = out.str();
    r.err = err.str();
    return r;
  }

  FakeApi api;
  std::map<std::string, std::string> vars;
  core::Timestamp now;
  bool stdoutTerminal = false;

 private:
  static int& counter() {
    static int c = 0;
    return c;
  }
  std::filesystem::path home_;
};

}  // namespace astro::testing
