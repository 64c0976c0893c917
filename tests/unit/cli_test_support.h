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
#include "client/gzip.h"
#include "client/http_transport.h"
#include "core/json/access_json.h"
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
  // The access model (issue 3): users, teams and their members, roles, workspaces, audit log.
  std::vector<core::User> users;
  std::vector<core::Team> teams;
  std::map<std::string, std::vector<core::TeamMember>> members;  // by team ID
  std::vector<core::CustomRole> customRoles;
  std::vector<core::Workspace> workspaces;
  std::string auditBody = "{\"action\":\"apiToken.create\"}\n";
  bool auditGzip = false;  // answer the export with a gzip body

  FakeApi() {
    core::Organization o;
    o.id = org;
    o.name = "test-org";
    o.product = "HYBRID";
    orgs.push_back(o);
    tokens.push_back(token("token1", "Token 1", "ORGANIZATION_MEMBER"));
    tokens.push_back(token("token2", "Token 2", "ORGANIZATION_OWNER"));
  }

  core::User user(std::string id, std::string email, std::string fullName, std::string role) const {
    core::User u;
    u.id = std::move(id);
    u.username = std::move(email);
    u.fullName = std::move(fullName);
    u.organizationRole = std::move(role);
    u.createdAt = ts("2024-01-02T03:04:05Z");
    u.updatedAt = u.createdAt;
    return u;
  }
  core::Team team(std::string id, std::string name, std::string role) const {
    core::Team t;
    t.id = std::move(id);
    t.name = std::move(name);
    t.organizationId = org;
    t.organizationRole = std::move(role);
    t.createdAt = ts("2024-01-03T00:00:00Z");
    t.updatedAt = t.createdAt;
    return t;
  }
  core::Workspace workspace(std::string id, std::string name) const {
    core::Workspace w;
    w.id = std::move(id);
    w.name = std::move(name);
    w.organizationId = org;
    w.createdAt = ts("2024-01-04T00:00:00Z");
    w.updatedAt = w.createdAt;
    return w;
  }
  // Requests whose "METHOD path" (no query) starts with `prefix`.
  std::vector<HttpRequest> matching(const std::string& method, const std::string& prefix) const {
    std::vector<HttpRequest> out;
    for (const auto& r : requests) {
      std::string path = r.url.substr(std::string("http://localhost:8888").size());
      if (r.method == method && path.rfind(prefix, 0) == 0) out.push_back(r);
    }
    return out;
  }

  std::optional<HttpResponse> handleAccess(const HttpRequest& r, const std::string& path,
                                           const std::string& query) {
    auto ok = [](const json::value& v) {
      return HttpResponse{200, {{"Content-Type", "application/json"}}, json::serialize(v)};
    };
    auto noContent = [] { return HttpResponse{204, {}, ""}; };
    auto missing = [](const char* m) {
      return HttpResponse{404,
                          {{"Content-Type", "application/json"}},
                          std::string("{\"message\":\"") + m + "\",\"statusCode\":404}"};
    };
    auto param = [&](const std::string& key) {
      std::string k = key + "=";
      for (std::size_t pos = 0; pos < query.size();) {
        auto end = query.find('&', pos);
        std::string kv = query.substr(pos, end - pos);
        if (kv.rfind(k, 0) == 0) return kv.substr(k.size());
        if (end == std::string::npos) break;
        pos = end + 1;
      }
      return std::string();
    };
    const std::string base = "/v1/organizations/" + org;
    if (path.rfind(base + "/", 0) != 0) return std::nullopt;
    std::string rest = path.substr(base.size() + 1);
    std::vector<std::string> seg;
    for (std::size_t pos = 0;;) {
      auto end = rest.find('/', pos);
      seg.push_back(rest.substr(pos, end - pos));
      if (end == std::string::npos) break;
      pos = end + 1;
    }
    auto body = [&] { return json::parse(r.body.value_or("{}")); };
    if (seg[0] == "users") {
      if (seg.size() == 1 && r.method == "GET") {
        core::Page<core::User> p;
        p.items = users;
        p.limit = 100;
        p.totalCount = static_cast<std::int64_t>(users.size());
        return ok(core::pageToJson(p, "users"));
      }
      auto it = std::find_if(users.begin(), users.end(), [&](auto& u) { return u.id == seg[1]; });
      if (it == users.end()) return missing("user not found");
      if (seg.size() == 2 && r.method == "GET") return ok(core::toJson(*it));
      if (seg.size() == 3 && r.method == "POST") {
        auto req = core::parseUpdateUserRolesRequest(body());
        it->organizationRole = req->organizationRole;
        return ok(json::object{{"organizationRole", *it->organizationRole}});
      }
    }
    if (seg[0] == "invites" && r.method == "POST") {
      auto req = core::parseCreateUserInviteRequest(body());
      users.push_back(
          user("invited" + std::to_string(users.size() + 1), req->inviteeEmail, "", req->role));
      core::Invite inv;
      inv.inviteId = "invite1";
      inv.organizationId = org;
      inv.invitee.id = users.back().id;
      inv.inviter.id = "owner";
      return ok(core::toJson(inv));
    }
    if (seg[0] == "teams") {
      if (seg.size() == 1 && r.method == "GET") {
        core::Page<core::Team> p;
        p.items = teams;
        p.limit = 100;
        p.totalCount = static_cast<std::int64_t>(teams.size());
        return ok(core::pageToJson(p, "teams"));
      }
      if (seg.size() == 1 && r.method == "POST") {
        auto req = core::parseCreateTeamRequest(body());
        auto t = team("team" + std::to_string(teams.size() + 1), req->name,
                      req->organizationRole.value_or("ORGANIZATION_MEMBER"));
        t.description = req->description;
        teams.push_back(t);
        return ok(core::toJson(t));
      }
      auto it = std::find_if(teams.begin(), teams.end(), [&](auto& t) { return t.id == seg[1]; });
      if (it == teams.end()) return missing("team not found");
      if (seg.size() == 2 && r.method == "GET") return ok(core::toJson(*it));
      if (seg.size() == 2 && r.method == "POST") {
        auto req = core::parseUpdateTeamRequest(body());
        it->name = req->name;
        it->description = req->description;
        return ok(core::toJson(*it));
      }
      if (seg.size() == 2 && r.method == "DELETE") {
        teams.erase(it);
        return noContent();
      }
      if (seg[2] == "roles" && r.method == "POST") {
        auto req = core::parseUpdateTeamRolesRequest(body());
        it->organizationRole = req->organizationRole;
        if (req->workspaceRoles) it->workspaceRoles = req->workspaceRoles;
        return ok(json::object{{"organizationRole", it->organizationRole}});
      }
      auto& ms = members[it->id];
      if (seg[2] == "members" && seg.size() == 3 && r.method == "GET") {
        core::Page<core::TeamMember> p;
        p.items = ms;
        p.limit = 100;
        p.totalCount = static_cast<std::int64_t>(ms.size());
        return ok(core::pageToJson(p, "teamMembers"));
      }
      if (seg[2] == "members" && seg.size() == 3 && r.method == "POST") {
        auto req = core::parseAddTeamMembersRequest(body());
        for (const auto& id : req->memberIds)
          for (const auto& u : users)
            if (u.id == id)
              ms.push_back({u.id, u.username, u.fullName, std::nullopt, std::nullopt});
        return noContent();
      }
      if (seg[2] == "members" && seg.size() == 4 && r.method == "DELETE") {
        std::erase_if(ms, [&](auto& m) { return m.userId == seg[3]; });
        return noContent();
      }
    }
    if (seg[0] == "roles" && r.method == "GET") {
      core::RolesPage p;
      int offset = std::stoi(param("offset"));
      if (offset == 0) p.roles = customRoles;
      p.offset = offset;
      p.limit = 100;
      p.totalCount = static_cast<std::int64_t>(customRoles.size());
      if (param("includeDefaultRoles") == "true") p.defaultRoles = core::defaultRoles();
      return ok(core::toJson(p));
    }
    if (seg[0] == "workspaces") {
      if (seg.size() == 1 && r.method == "GET") {
        core::Page<core::Workspace> p;
        p.items = workspaces;
        p.limit = 1000;
        p.totalCount = static_cast<std::int64_t>(workspaces.size());
        return ok(core::pageToJson(p, "workspaces"));
      }
      if (seg.size() == 1 && r.method == "POST") {
        auto req = core::parseCreateWorkspaceRequest(body());
        auto w = workspace("ws" + std::to_string(workspaces.size() + 1), req->name);
        w.description = req->description;
        w.cicdEnforcedDefault = req->cicdEnforcedDefault.value_or(false);
        workspaces.push_back(w);
        return ok(core::toJson(w));
      }
    }
    if (seg[0] == "audit-logs" && r.method == "GET") {
      if (auditGzip)
        return HttpResponse{
            200,
            {{"Content-Type", "application/x-ndjson"}, {"Content-Encoding", "gzip"}},
            client::gzipCompress(auditBody)};
      return HttpResponse{200, {{"Content-Type", "application/x-ndjson"}}, auditBody};
    }
    return std::nullopt;
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
    // As the server does: a body that is not JSON (say, a flag's bytes that are not UTF-8) is a
    // 400, so the model below may parse bodies without checking (the cli_args fuzz harness sends
    // such flags).
    if (r.body && !r.body->empty()) {
      boost::system::error_code ec;
      (void)json::parse(*r.body, ec);
      if (ec)
        return HttpResponse{400,
                            {{"Content-Type", "application/json"}},
                            R"({"message":"Invalid request body","statusCode":400})"};
    }
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
    if (auto a = handleAccess(r, path, query)) return *a;
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
