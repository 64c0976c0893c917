// Authentication: the Authorization header -> a Subject, or a 401 that says why; and lastUsedAt
// kept to the minute with at most one write per token per minute.

#include <filesystem>
#include <thread>

#include "service_fixture.h"
#include "support/pinned_cpu.h"

namespace astro::service::testing {
namespace {

class AuthServiceTest : public ServiceTest {
 protected:
  std::string errorOf(std::string_view header) {
    auto r = services_.auth.authenticate(header);
    if (r.ok()) return "ok";
    EXPECT_EQ(r.error().code, core::ErrorCode::Unauthenticated);
    return r.error().message;
  }
  // What the database holds once the uses recorded so far are written.
  std::optional<core::Timestamp> lastUsed(const SeededToken& t) {
    EXPECT_TRUE(services_.auth.flushLastUsed());
    return findToken(orgA_, t.id)->token.lastUsedAt;
  }
  // `n` member tokens of orgA_ ("ci-0", "ci-1", ...), as a fleet of CI jobs holds.
  std::vector<SeededToken> seedFleet(int n) {
    std::vector<SeededToken> fleet;
    auto tx = store_.begin(store::Store::Mode::Write);
    for (int i = 0; i < n; ++i)
      fleet.push_back(makeToken(*tx, orgA_, "ci-" + std::to_string(i), core::OrgRole::Member));
    tx->commit();
    return fleet;
  }
  // Overwrites the stored lastUsedAt, also with an earlier time (setLastUsed only moves it on).
  void setLastUsed(const SeededToken& t, core::Timestamp at) {
    auto tx = store_.begin(store::Store::Mode::Write);
    tx->tokens().setLastUsed(orgA_, t.id, at);
    tx->commit();
  }
};

TEST_F(AuthServiceTest, BuildsTheSubjectOfAToken) {
  auto s = services_.auth.authenticate("Bearer " + billingToken_.value);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->type, core::SubjectType::ServiceKey);
  EXPECT_EQ(s->id, billingToken_.id);
  EXPECT_EQ(s->organizationId, orgA_);
  EXPECT_EQ(s->name, "billing token");
  EXPECT_EQ(s->tokenOrgRole, core::OrgRole::BillingAdmin);
  EXPECT_EQ(s->profile.id, billingToken_.id);
  EXPECT_EQ(s->profile.subjectType, core::SubjectType::ServiceKey);
  EXPECT_EQ(s->profile.apiTokenName, "billing token");
  EXPECT_FALSE(s->profile.username);
}

TEST_F(AuthServiceTest, AcceptsBearerInAnyCaseAndABareToken) {
  EXPECT_EQ(errorOf("Bearer " + ownerToken_.value), "ok");
  EXPECT_EQ(errorOf("bearer " + ownerToken_.value), "ok");
  EXPECT_EQ(errorOf("BEARER   " + ownerToken_.value + "  "), "ok");
  EXPECT_EQ(errorOf(ownerToken_.value), "ok");
}

TEST_F(AuthServiceTest, SaysWhyACredentialIsRefused) {
  const std::string missing = "missing API token: send the header 'Authorization: Bearer <token>'";
  EXPECT_EQ(errorOf(""), missing);
  EXPECT_EQ(errorOf("   "), missing);
  EXPECT_EQ(errorOf("Bearer"), missing);
  EXPECT_EQ(errorOf("Bearer "), missing);

  EXPECT_EQ(errorOf("Bearer abc"), "API token is invalid or malformed");
  std::string tampered = ownerToken_.value;
  tampered[tampered.size() - 10] = tampered[tampered.size() - 10] == 'a' ? 'b' : 'a';
  EXPECT_EQ(errorOf("Bearer " + tampered), "API token is invalid or malformed");
  EXPECT_EQ(errorOf("Basic dXNlcjpwYXNz"), "API token is invalid or malformed");

  // Well-formed, correct checksum, never issued here.
  const std::string stranger =
      core::generateTokenValue(core::TokenScopeTag::Organization, "", deterministicRandom(7));
  EXPECT_EQ(errorOf(stranger), "API token is invalid");
}

TEST_F(AuthServiceTest, TheRefusalNeverEchoesTheCredential) {
  std::string tampered = ownerToken_.value;
  tampered.back() = tampered.back() == 'a' ? 'b' : 'a';
  auto r = services_.auth.authenticate(tampered);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.find(tampered.substr(10, 20)), std::string::npos);
}

// Authenticated tokens are cached until the next write transaction: every change to a token must
// show on the very next request, and expiry must not wait for a write.
TEST_F(AuthServiceTest, TheCacheNeverOutlivesAChange) {
  auto first = services_.auth.authenticate(memberToken_.value);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->tokenOrgRole, core::OrgRole::Member);
  EXPECT_EQ(first->name, "member token");

  auto edit = [&](auto change) {
    auto tx = store_.begin(store::Store::Mode::Write);
    auto record = *tx->tokens().find(orgA_, memberToken_.id);
    change(record.token);
    tx->tokens().update(record);
    tx->commit();
  };
  edit([](core::ApiToken& t) {
    t.roles[0].role = "ORGANIZATION_OWNER";
    t.name = "renamed";
  });
  auto second = services_.auth.authenticate(memberToken_.value);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->tokenOrgRole, core::OrgRole::Owner);
  EXPECT_EQ(second->name, "renamed");
  EXPECT_EQ(second->profile.apiTokenName, "renamed");

  // Expiry is a matter of time, not of writes: a cached token expires on the clock.
  edit([&](core::ApiToken& t) { t.endAt = clock_.now() + std::chrono::seconds{30}; });
  EXPECT_EQ(errorOf(memberToken_.value), "ok");
  clock_.advance(std::chrono::seconds{30});
  EXPECT_EQ(errorOf(memberToken_.value), "API token has expired");

  {
    auto tx = store_.begin(store::Store::Mode::Write);
    ASSERT_TRUE(tx->tokens().remove(orgA_, memberToken_.id));
    tx->tokens().insertRetiredHash({core::hashTokenValue(memberToken_.value), memberToken_.id,
                                    orgA_, "deleted", clock_.now()});
    tx->commit();
  }
  EXPECT_EQ(errorOf(memberToken_.value), "API token has been deleted");
}

TEST_F(AuthServiceTest, ATokenCreatedAfterARefusalAuthenticatesAtOnce) {
  // Refusals are cached until the next write: the value refused a moment ago works as soon as
  // its row exists.
  const std::string value =
      core::generateTokenValue(core::TokenScopeTag::Organization, "", deterministicRandom(11));
  EXPECT_EQ(errorOf(value), "API token is invalid");
  EXPECT_EQ(errorOf(value), "API token is invalid");  // from the cache
  {
    auto tx = store_.begin(store::Store::Mode::Write);
    store::TokenRecord r;
    r.organizationId = orgA_;
    r.valueHash = core::hashTokenValue(value);
    r.token.id = core::generateId(random_);
    r.token.name = "late";
    r.token.shortToken = core::shortTokenOf(value);
    r.token.roles = {{"ORGANIZATION", orgA_, "ORGANIZATION_MEMBER", std::nullopt}};
    r.token.startAt = r.token.createdAt = r.token.updatedAt = clock_.now();
    tx->tokens().insert(r);
    tx->commit();
  }
  EXPECT_EQ(errorOf(value), "ok");
}

TEST_F(AuthServiceTest, ACachedRefusalFollowsTheReason) {
  const std::string value =
      core::generateTokenValue(core::TokenScopeTag::Organization, "", deterministicRandom(12));
  EXPECT_EQ(errorOf(value), "API token is invalid");
  EXPECT_EQ(errorOf(value), "API token is invalid");  // cached
  {
    auto tx = store_.begin(store::Store::Mode::Write);
    tx->tokens().insertRetiredHash(
        {core::hashTokenValue(value), "some-token-id", orgA_, "rotated", clock_.now()});
    tx->commit();
  }
  EXPECT_EQ(errorOf(value), "API token has been rotated; use the new token value");
}

TEST_F(AuthServiceTest, WithoutTheCacheTheAnswersAreTheSame) {
  ServiceSettings off;
  off.authCacheEntries = 0;
  AuthService uncached(store_, clock_, off);
  for (int i = 0; i < 3; ++i) {
    auto a = uncached.authenticate(ownerToken_.value);
    auto b = services_.auth.authenticate(ownerToken_.value);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->id, b->id);
    EXPECT_EQ(a->tokenOrgRole, b->tokenOrgRole);
    EXPECT_EQ(a->name, b->name);
  }
}

TEST_F(AuthServiceTest, LastUsedIsWrittenAtMostOncePerMinute) {
  clock_.set(kStart + std::chrono::seconds{3600 + 15});  // 01:00:15
  const core::Timestamp minute = kStart + std::chrono::seconds{3600};
  EXPECT_FALSE(lastUsed(memberToken_));
  ASSERT_TRUE(services_.auth.authenticate(memberToken_.value).ok());
  EXPECT_EQ(lastUsed(memberToken_), minute);  // floored to the minute
  EXPECT_EQ(services_.auth.lastUsedRecorded(), 1u);

  for (int i = 0; i < 20; ++i) {
    clock_.advance(std::chrono::seconds{2});  // up to 01:00:55
    ASSERT_TRUE(services_.auth.authenticate(memberToken_.value).ok());
  }
  EXPECT_EQ(services_.auth.lastUsedRecorded(), 1u) << "written again in the same minute";
  EXPECT_EQ(lastUsed(memberToken_), minute);

  clock_.advance(std::chrono::seconds{5});  // 01:01:00
  ASSERT_TRUE(services_.auth.authenticate(memberToken_.value).ok());
  ASSERT_TRUE(services_.auth.authenticate(memberToken_.value).ok());
  EXPECT_EQ(services_.auth.lastUsedRecorded(), 2u);
  EXPECT_EQ(lastUsed(memberToken_), minute + std::chrono::seconds{60});

  // Each token has its own minute.
  ASSERT_TRUE(services_.auth.authenticate(ownerToken_.value).ok());
  EXPECT_EQ(services_.auth.lastUsedRecorded(), 3u);
  EXPECT_EQ(lastUsed(ownerToken_), minute + std::chrono::seconds{60});
  EXPECT_EQ(lastUsed(memberToken_), minute + std::chrono::seconds{60});
}

TEST_F(AuthServiceTest, NoWriteWhenTheStoredMinuteIsAlreadyCurrent) {
  // E.g. after a restart: the in-memory map is empty but the row already holds this minute.
  clock_.set(kStart + std::chrono::seconds{600});
  setLastUsed(memberToken_, kStart + std::chrono::seconds{600});
  AuthService fresh(store_, clock_);
  ASSERT_TRUE(fresh.authenticate(memberToken_.value).ok());
  EXPECT_EQ(lastUsed(memberToken_), kStart + std::chrono::seconds{600});
}

// lastUsedAt leaves the request path: written by the background writer within its interval (and
// on a graceful stop), and the write leaves what authentication cached alone.
TEST_F(AuthServiceTest, LastUsedIsWrittenInTheBackgroundAndKeepsTheAuthCache) {
  astro::testing::PinnedToCpu pinned;  // one cache shard for every authenticate below
  ServiceSettings settings;
  settings.lastUsedFlushInterval = std::chrono::milliseconds(50);
  clock_.set(kStart + std::chrono::seconds{120});
  {
    AuthService auth(store_, clock_, settings);
    ASSERT_TRUE(auth.authenticate(memberToken_.value).ok());  // reads the token: a miss
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!findToken(orgA_, memberToken_.id)->token.lastUsedAt &&
           std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(findToken(orgA_, memberToken_.id)->token.lastUsedAt,
              kStart + std::chrono::seconds{120});
    const auto hitsBefore = auth.tokenCacheStats().hits;
    ASSERT_TRUE(auth.authenticate(memberToken_.value).ok());
    EXPECT_EQ(auth.tokenCacheStats().hits, hitsBefore + 1) << "the write emptied the auth cache";

    clock_.set(kStart + std::chrono::seconds{180});
    settings.lastUsedFlushInterval = std::chrono::hours(1);
  }
  {
    AuthService slow(store_, clock_, settings);  // nothing is written before it stops...
    ASSERT_TRUE(slow.authenticate(memberToken_.value).ok());
    EXPECT_EQ(findToken(orgA_, memberToken_.id)->token.lastUsedAt,
              kStart + std::chrono::seconds{120});
  }  // ...and everything when it does
  EXPECT_EQ(findToken(orgA_, memberToken_.id)->token.lastUsedAt,
            kStart + std::chrono::seconds{180});
}

// A fleet of CI jobs, each with its own token, all used for the first time in a minute: the batch
// that writes their lastUsedAt leaves every one of them cached (the write moves each token's own
// key and the list pages, not what authentication read), so the fleet's next round reads nothing.
TEST_F(AuthServiceTest, AFleetStaysCachedWhileItsLastUseIsWritten) {
  astro::testing::PinnedToCpu pinned;
  constexpr int kFleet = 2000;
  const std::vector<SeededToken> fleet = seedFleet(kFleet);
  ServiceSettings settings;
  settings.lastUsedFlushInterval = std::chrono::hours(1);  // written when the test says
  clock_.set(kStart + std::chrono::seconds{120});
  AuthService auth(store_, clock_, settings);
  for (const auto& t : fleet) ASSERT_TRUE(auth.authenticate(t.value).ok());
  ASSERT_TRUE(auth.flushLastUsed());
  ASSERT_EQ(findToken(orgA_, fleet.back().id)->token.lastUsedAt,
            kStart + std::chrono::seconds{120});
  const auto before = auth.tokenCacheStats();
  for (const auto& t : fleet) ASSERT_TRUE(auth.authenticate(t.value).ok());
  const auto after = auth.tokenCacheStats();
  EXPECT_EQ(after.hits - before.hits, static_cast<std::uint64_t>(kFleet));
  EXPECT_EQ(after.misses, before.misses) << "the lastUsedAt batch emptied part of the auth cache";
}

// A fleet larger than any fixed table of claims (5,000 tokens, each used in turn, as CI jobs do):
// each token's use is handed to the writer once in a minute, however the tokens take turns; the
// second round of the same minute records nothing (it used to record most of the fleet again on
// every round: tokens that shared one of 4,096 claim slots took it from each other).
TEST_F(AuthServiceTest, EachTokenOfAFleetIsRecordedOncePerMinute) {
  astro::testing::PinnedToCpu pinned;
  constexpr int kFleet = 5000;
  const std::vector<SeededToken> fleet = seedFleet(kFleet);
  ServiceSettings settings;
  settings.lastUsedFlushInterval = std::chrono::hours(1);  // written when the test says
  clock_.set(kStart + std::chrono::seconds{120});
  AuthService auth(store_, clock_, settings);
  for (const auto& t : fleet) ASSERT_TRUE(auth.authenticate(t.value).ok());
  EXPECT_EQ(auth.lastUsedRecorded(), static_cast<std::uint64_t>(kFleet));
  for (int round = 0; round < 3; ++round) {
    clock_.advance(std::chrono::seconds{10});  // still 00:02
    for (const auto& t : fleet) ASSERT_TRUE(auth.authenticate(t.value).ok());
    if (round == 1) {
      ASSERT_TRUE(auth.flushLastUsed());  // later rounds: with the uses written, not pending
    }
  }
  EXPECT_EQ(auth.lastUsedRecorded(), static_cast<std::uint64_t>(kFleet))
      << "a use in the same minute was recorded again";
  ASSERT_TRUE(auth.flushLastUsed());
  EXPECT_EQ(findToken(orgA_, fleet.front().id)->token.lastUsedAt,
            kStart + std::chrono::seconds{120});

  clock_.advance(std::chrono::seconds{40});  // 00:03:10: a new minute, each recorded once more
  for (int round = 0; round < 2; ++round)
    for (const auto& t : fleet) ASSERT_TRUE(auth.authenticate(t.value).ok());
  EXPECT_EQ(auth.lastUsedRecorded(), static_cast<std::uint64_t>(2 * kFleet));
  ASSERT_TRUE(auth.flushLastUsed());
  EXPECT_EQ(findToken(orgA_, fleet.back().id)->token.lastUsedAt,
            kStart + std::chrono::seconds{180});
}

TEST_F(AuthServiceTest, ALastUsedWriteThatCannotHappenDoesNotFailTheRequest) {
  // Another thread holds the write lock of a file database: the request is authenticated
  // without waiting (nothing is written on it), the batch write times out (busy) and keeps the
  // use, and the next one writes it.
  char tmpl[] = "/tmp/astro-auth-test-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl;
  {
    store::SqliteStore fileStore({.path = dir + "/a.db", .busyTimeoutMs = 50, .create = true});
    SeededToken token;
    {
      auto tx = fileStore.begin(store::Store::Mode::Write);
      const std::string org = makeOrg(*tx, "file org");
      token = makeToken(*tx, org, "t", core::OrgRole::Owner);
      tx->commit();
    }
    AuthService auth(fileStore, clock_);
    WriteLockHolder holder(fileStore);
    const auto started = std::chrono::steady_clock::now();
    auto s = auth.authenticate(token.value);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(40))
        << "the request waited for the write lock";
    EXPECT_FALSE(auth.flushLastUsed()) << "busy: kept for the next round";
    holder.release();
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ(s->id, token.id);
    const std::string hash = core::hashTokenValue(token.value);
    EXPECT_FALSE(
        fileStore.begin(store::Store::Mode::Read)->tokens().findByHash(hash)->token.lastUsedAt);
    EXPECT_TRUE(auth.flushLastUsed());
    EXPECT_TRUE(
        fileStore.begin(store::Store::Mode::Read)->tokens().findByHash(hash)->token.lastUsedAt);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace astro::service::testing
