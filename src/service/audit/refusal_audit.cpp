#include "service/audit/refusal_audit.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/ids.h"
#include "core/json/api_json.h"
#include "core/validation/text_rules.h"
#include "service/access/access_rules.h"

namespace astro::service {
namespace {

// What a route acts on: the action's resource name and the audit target type.
struct Resource {
  std::string_view segment;
  std::string_view name;
  std::string_view targetType;
};
constexpr std::array<Resource, 7> kResources{{
    {"tokens", "apiToken", "API_TOKEN"},
    {"teams", "team", "TEAM"},
    {"users", "user", "USER"},
    {"workspaces", "workspace", "WORKSPACE"},
    {"invites", "invite", "INVITE"},
    {"roles", "role", "ROLE"},
    {"audit-logs", "auditLog", "ORGANIZATION"},
}};

// The action and target a refused request was aimed at, named as the services name theirs
// ("apiToken.get", "team.addMembers"), from the route template and the method.
struct Aim {
  std::string action;
  std::string targetType;
  std::string orgId;     // the path's {org}, as sent
  std::string targetId;  // the path's {id} (or {org} for the organization itself), as sent
};

std::vector<std::string_view> segmentsOf(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') path.remove_prefix(1);
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

Aim aimOf(const RequestFacts& r) {
  Aim aim;
  const auto segments = segmentsOf(r.routeTemplate);
  std::size_t param = 0;
  std::vector<std::string_view> rest;  // after the resource: "{id}", "rotate", "{userId}"...
  const Resource* resource = nullptr;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto s = segments[i];
    const bool isParam = s.size() > 2 && s.front() == '{' && s.back() == '}';
    const std::string_view value = isParam && param < r.paramCount ? r.params[param] : "";
    if (isParam) ++param;
    if (s == "{org}") aim.orgId = std::string(value);
    if (s == "{id}") aim.targetId = std::string(value);
    if (resource) {
      rest.push_back(s);
    } else if (i == 3 && segments[0] == "v1" && segments[1] == "organizations") {
      for (const auto& res : kResources)
        if (res.segment == s) resource = &res;
      if (!resource) break;
    }
  }
  const std::string method = lower(r.method);
  if (r.routeTemplate.empty()) {
    aim.action = "request.unknownRoute";
    aim.targetType = "ROUTE";
    return aim;
  }
  if (!resource) {
    // /v1/organizations, /v1/organizations/{org}, /v1/users/self.
    const bool org = segments.size() >= 2 && segments[1] == "organizations";
    aim.targetType = org ? "ORGANIZATION" : "USER";
    if (org && !aim.orgId.empty()) aim.targetId = aim.orgId;
    std::string verb = method == "get" ? (aim.targetId.empty() && org ? "list" : "get") : method;
    aim.action = std::string(org ? "organization." : "user.") + verb;
    return aim;
  }
  aim.targetType = std::string(resource->targetType);
  std::string verb;
  const bool item = !rest.empty() && rest[0] == "{id}";
  const std::string_view sub = rest.size() > 1 ? rest[1] : "";
  if (resource->segment == "audit-logs") {
    verb = method == "get" ? "export" : method;
    aim.targetId = aim.orgId;
  } else if (!item) {
    verb = method == "get" ? "list" : method == "post" ? "create" : method;
  } else if (sub.empty()) {
    verb = method == "get"      ? "get"
           : method == "post"   ? "update"
           : method == "delete" ? "delete"
                                : method;
  } else if (sub == "rotate") {
    verb = "rotate";
  } else if (sub == "roles") {
    verb = "updateRoles";
  } else if (sub == "members") {
    verb = rest.size() > 2 ? "removeMember" : method == "get" ? "listMembers" : "addMembers";
  } else {
    verb = method;
  }
  aim.action = std::string(resource->name) + "." + verb;
  return aim;
}

// An ID from a path as a record may hold it: as sent when ID-shaped, else a bounded echo.
std::string pathId(const std::string& id) {
  return id.empty() || core::isCuid(id) ? id : core::echoValue(id);
}

bool deniedStatus(int status) {
  return status == 401 || status == 403;
}

}  // namespace

RefusalAudit::RefusalAudit(store::Store& store, const Clock& clock, const AuditLog& audit,
                           const ServiceSettings& settings)
    : store_(store),
      clock_(clock),
      audit_(audit),
      window_(std::max<std::chrono::seconds>(settings.refusalAuditWindow, std::chrono::seconds{1})),
      maxRecords_(settings.refusalAuditMaxRecords),
      maxAnonymousRecords_(settings.refusalAuditMaxAnonymousRecords) {
  writer_ = std::thread([this] { run(); });
}

RefusalAudit::~RefusalAudit() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
  flush();
}

void RefusalAudit::requestRefused(const RequestFacts& request, const Subject* subject,
                                  const core::Error& error) noexcept {
  const int status = core::httpStatus(error.code);
  if (error.audited || status < 400 || status >= 500) return;
  try {
    const Aim aim = aimOf(request);
    const std::string outcome = deniedStatus(status) ? "DENIED" : "FAILED";
    if (!subject) {
      // Refused before authentication (unknown route, wrong method): claimed, not attributable.
      count(request,
            {nullptr, false, core::isCuid(aim.orgId) ? aim.orgId : "", aim.action, aim.targetType,
             pathId(aim.targetId), "", outcome, error.message},
            IfOrgMissing::Nobody, true);
      return;
    }
    const std::string& own = subject->organizationId;
    const bool token = subject->type == core::SubjectType::ServiceKey;
    if (token && !aim.orgId.empty() && aim.orgId != own) {
      // A token aimed at another organization's path: answered 404 whether that organization
      // exists or not. Its own organization sees the probe (same record either way); the
      // organization aimed at, if it exists, sees it too without the prober's name.
      count(request,
            {subject, false, own, aim.action, "ORGANIZATION", pathId(aim.orgId), "", "DENIED",
             error.message},
            IfOrgMissing::Keep, false);
      if (core::isCuid(aim.orgId))
        count(request,
              {subject, true, aim.orgId, aim.action, aim.targetType, pathId(aim.targetId), "",
               "DENIED", "a request from outside this organization: " + error.message},
              IfOrgMissing::Drop, false);
      return;
    }
    // Aimed at the caller's own organization (or at none in the path: the caller's). A user's
    // claimed organization is checked like an anonymous one's.
    count(request,
          {subject, false, aim.orgId.empty() ? own : aim.orgId, aim.action, aim.targetType,
           pathId(aim.targetId), "", outcome, error.message},
          token ? IfOrgMissing::Keep : IfOrgMissing::Nobody, false);
  } catch (...) {
    // The refusal is already decided; its audit must not turn it into a 500.
  }
}

void RefusalAudit::unauthenticated(const RequestFacts& request, const RefusedToken* token,
                                   std::string_view reason) noexcept {
  try {
    if (token) {
      count(request,
            {nullptr, false, std::string(token->organizationId), "apiToken.authenticate",
             "API_TOKEN", std::string(token->tokenId), std::string(token->tokenName), "DENIED",
             std::string(reason)},
            IfOrgMissing::Keep, false);
      return;
    }
    const Aim aim = aimOf(request);
    count(request,
          {nullptr, false, core::isCuid(aim.orgId) ? aim.orgId : "", "apiToken.authenticate",
           "API_TOKEN", "", "", "DENIED", std::string(reason)},
          IfOrgMissing::Nobody, true);
  } catch (...) {
  }
}

void RefusalAudit::count(const RequestFacts& request, Counted c, IfOrgMissing ifOrgMissing,
                         bool anonymous) {
  // What makes two refusals "the same": all but the request's own ID, agent and route.
  std::string key;
  const std::string_view actorType =
      c.actor ? core::toString(c.actor->type) : std::string_view("ANONYMOUS");
  const std::string_view actorId = c.actor ? std::string_view(c.actor->id) : std::string_view();
  for (std::string_view part :
       {std::string_view(c.organizationId), actorType, actorId, std::string_view(c.action),
        std::string_view(c.targetType), std::string_view(c.targetId), std::string_view(c.outcome),
        std::string_view(c.reason), request.sourceAddress}) {
    key.append(part);
    key += '\x1f';
  }
  const core::Timestamp now = clock_.now();
  std::lock_guard lock(mu_);
  Pending& p = entryFor(std::move(key), anonymous, now, [&] {
    const RequestMeta meta{std::string(request.requestId), std::string(request.sourceAddress),
                           std::string(request.userAgent)};
    store::AuditRecord record;
    if (c.actor) {
      record =
          audit_.record(Caller{*c.actor, meta}, std::move(c.organizationId), std::move(c.action),
                        std::move(c.targetType), std::move(c.targetId), std::move(c.targetName));
      if (c.hideActorName) record.actorName.clear();
    } else {
      record = audit_.anonymousRecord(meta, std::move(c.organizationId), std::move(c.action),
                                      std::move(c.targetType), std::move(c.targetId));
      record.targetName = std::move(c.targetName);
    }
    record.outcome = std::move(c.outcome);
    record.reason = std::move(c.reason);
    record.time = now;
    return Pending{std::move(record),
                   now,
                   0,
                   std::string(request.method) + " " + std::string(request.routeTemplate),
                   ifOrgMissing,
                   anonymous};
  });
  p.last = now;
  ++p.attempts;
}

template <class Make>
RefusalAudit::Pending& RefusalAudit::entryFor(std::string key, bool anonymous, core::Timestamp now,
                                              Make&& make) {
  auto it = pending_.find(key);
  if (it != pending_.end()) return it->second;
  const bool full = anonymous ? anonymousCount_ >= maxAnonymousRecords_
                              : pending_.size() - anonymousCount_ >= maxRecords_;
  if (full) {
    // Beyond the cap only one overflow record per kind counts the rest.
    key = anonymous ? "\x1f"
                      "overflow-anonymous"
                    : "\x1f"
                      "overflow";
    it = pending_.find(key);
    if (it != pending_.end()) return it->second;
    store::AuditRecord record = audit_.anonymousRecord({}, "", "request.refused", "", "");
    record.reason = "more distinct refused requests than one window records";
    record.time = now;
    it = pending_
             .emplace(std::move(key),
                      Pending{std::move(record), now, 0, "", IfOrgMissing::Keep, anonymous})
             .first;
  } else {
    it = pending_.emplace(std::move(key), make()).first;
  }
  if (anonymous) ++anonymousCount_;
  return it->second;
}

void RefusalAudit::keep(PendingMap batch) {
  for (auto& entry : batch) {
    Pending& b = entry.second;  // (not a structured binding: clang 14 cannot capture one)
    const std::uint64_t attempts = b.attempts;
    const core::Timestamp first = b.record.time, last = b.last;
    Pending& p = entryFor(entry.first, b.anonymous, first, [&] {
      Pending kept = std::move(b);
      kept.attempts = 0;
      return kept;
    });
    p.attempts += attempts;
    p.last = std::max(p.last, last);
    p.record.time = std::min(p.record.time, first);
  }
}

bool RefusalAudit::flush() noexcept {
  return writePending();
}

void RefusalAudit::run() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    wake_.wait_for(lock, window_, [this] { return stop_; });
    if (stop_) break;
    lock.unlock();
    writePending();
    lock.lock();
  }
}

bool RefusalAudit::writePending() noexcept {
  try {
    std::lock_guard one(writeMu_);
    PendingMap batch;
    {
      std::lock_guard lock(mu_);
      batch.swap(pending_);
      anonymousCount_ = 0;
    }
    if (batch.empty()) return true;
    bool written = false;
    try {
      written = audit_.writeRefusals(recordsOf(batch));
    } catch (...) {
      // The read of which organizations exist failed: kept, like a write that failed.
    }
    if (!written) {
      // Kept for the next window (the store told the log why), merged with what came since.
      std::lock_guard lock(mu_);
      keep(std::move(batch));
    }
    return written;
  } catch (...) {
    // Best effort, like every refusal record: never a 500, never an exception out of here.
    return false;
  }
}

std::vector<store::AuditRecord> RefusalAudit::recordsOf(const PendingMap& pending) const {
  std::vector<const Pending*> entries;
  for (const auto& [key, p] : pending) entries.push_back(&p);
  // Oldest first, so that the batch reads in the order things happened.
  std::sort(entries.begin(), entries.end(),
            [](const Pending* a, const Pending* b) { return a->record.time < b->record.time; });
  std::vector<store::AuditRecord> records;
  // Organizations only claimed by a path: recorded there when they exist.
  auto tx = store_.begin(store::Store::Mode::Read);
  std::unordered_map<std::string, bool> exists;
  std::unordered_map<std::string, std::size_t> nobody;  // merged into one per kind
  for (const Pending* p : entries) {
    store::AuditRecord r = p->record;
    if (p->ifOrgMissing != IfOrgMissing::Keep && !r.organizationId.empty()) {
      auto [it, fresh] = exists.try_emplace(r.organizationId, false);
      if (fresh) it->second = tx->organizations().find(r.organizationId).has_value();
      if (!it->second) {
        if (p->ifOrgMissing == IfOrgMissing::Drop) continue;
        r.organizationId.clear();
      }
    }
    if (r.organizationId.empty() && p->ifOrgMissing == IfOrgMissing::Nobody) {
      // With no organization, refusals of one kind from one address are one record.
      const std::string kind = r.action + '\x1f' + r.reason + '\x1f' + r.sourceAddress;
      auto [it, fresh] = nobody.try_emplace(kind, records.size());
      if (!fresh) {
        auto& merged = records[it->second];
        for (auto& c : merged.changes)
          if (c.field == "attempts")
            c.newValue = std::to_string(std::stoull(*c.newValue) + p->attempts);
        if (merged.targetId != r.targetId) merged.targetId.clear();
        continue;
      }
    }
    r.changes = {
        AuditLog::change("attempts", std::nullopt, std::to_string(p->attempts)),
        AuditLog::change("lastAttemptAt", std::nullopt, jsonText(p->last)),
    };
    if (!p->route.empty())
      r.changes.push_back(AuditLog::change("route", std::nullopt, jsonText(p->route)));
    records.push_back(std::move(r));
  }
  return records;
}

}  // namespace astro::service
