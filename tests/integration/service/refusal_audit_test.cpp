// RefusalAudit: refused requests no service call recorded, counted per window and written in
// batches; what a flood from many addresses can cost, and what a write failure cannot.
#include "service/audit/refusal_audit.h"

#include <unistd.h>

#include <filesystem>
#include <thread>

#include "service_fixture.h"

namespace astro::service::testing {
namespace {

class RefusalAuditTest : public ServiceTest {
 protected:
  std::vector<store::AuditRecord> rows(const std::string& org) {
    return store_.begin(store::Store::Mode::Read)
        ->audit()
        .list(org, kStart - std::chrono::hours(1), kStart + std::chrono::hours(1));
  }
  static std::uint64_t attempts(const std::vector<store::AuditRecord>& records) {
    std::uint64_t n = 0;
    for (const auto& r : records)
      for (const auto& c : r.changes)
        if (c.field == "attempts") n += std::stoull(*c.newValue);
    return n;
  }
  RequestFacts factsFrom(const std::string& address, const std::string& org) {
    RequestFacts f;
    f.method = "GET";
    f.routeTemplate = "/v1/organizations/{org}/tokens";
    f.params[0] = org;
    f.paramCount = 1;
    f.requestId = "req";
    f.sourceAddress = address;
    return f;
  }
};

TEST_F(RefusalAuditTest, AFloodFromManyAddressesIsBoundedByTheWindowsCaps) {
  ServiceSettings settings;
  RefusalAudit audit(store_, clock_, services_.audit, settings);
  std::vector<std::string> addresses;
  for (int i = 0; i < 5000; ++i)
    addresses.push_back("10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256));
  for (const auto& a : addresses) audit.unauthenticated(factsFrom(a, orgA_), nullptr, "bad");
  audit.flush();
  const auto ours = rows(orgA_);
  const auto nobody = rows("");
  EXPECT_EQ(attempts(ours) + attempts(nobody), 5000u) << "every refusal counted";
  EXPECT_LE(ours.size() + nobody.size(), settings.refusalAuditMaxAnonymousRecords + 1);
  bool overflow = false;
  for (const auto& r : nobody) overflow = overflow || r.action == "request.refused";
  EXPECT_TRUE(overflow);
}

TEST_F(RefusalAuditTest, AnOrganizationOnlyClaimedByThePathIsNotWrittenToWhenItDoesNotExist) {
  RefusalAudit audit(store_, clock_, services_.audit, {});
  const std::string nowhere = "c" + std::string(24, '3');
  for (int i = 0; i < 3; ++i)
    audit.unauthenticated(factsFrom("192.0.2.1", nowhere), nullptr, "API token is invalid");
  audit.flush();
  EXPECT_TRUE(rows(nowhere).empty());
  const auto nobody = rows("");
  ASSERT_EQ(nobody.size(), 1u);
  EXPECT_EQ(nobody[0].actorType, "ANONYMOUS");
  EXPECT_EQ(attempts(nobody), 3u);
}

TEST_F(RefusalAuditTest, AnErrorAServiceAlreadyAuditedIsNotCountedAgain) {
  RefusalAudit audit(store_, clock_, services_.audit, {});
  auto subject = services_.auth.authenticate(ownerToken_.value);
  ASSERT_TRUE(subject.ok());
  core::Error e = core::Error::forbidden("permission denied");
  e.audited = true;
  audit.requestRefused(factsFrom("192.0.2.1", orgA_), &*subject, e);
  audit.requestRefused(factsFrom("192.0.2.1", orgA_), &*subject,
                       core::Error::internal("internal error"));  // not a refusal
  audit.flush();
  EXPECT_TRUE(rows(orgA_).empty());
}

// The request that ends a window used to write the window's records itself, on its own thread
// (an I/O thread for a read): a refusal then waited for the database's write lock, and lost the
// records when it could not have it. A writer of its own writes them now, and keeps what it could
// not write for its next round.
TEST_F(RefusalAuditTest, ARefusalNeverWaitsForTheDatabaseAndABusyWriteIsRetried) {
  char tmpl[] = "/tmp/astro-refusal-test-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl;
  {
    store::SqliteStore fileStore({.path = dir + "/a.db", .busyTimeoutMs = 300, .create = true});
    AuditLog log(fileStore, clock_, osRandomBytes());
    ServiceSettings settings;
    settings.refusalAuditWindow = std::chrono::seconds(1);
    RefusalAudit audit(fileStore, clock_, log, settings);
    const std::string org = "c" + std::string(24, '4');
    const std::string tokenId = "c" + std::string(24, '5');
    const RefusedToken token{org, tokenId, "ci"};  // views

    WriteLockHolder holder(fileStore);
    const auto started = std::chrono::steady_clock::now();
    audit.unauthenticated(factsFrom("192.0.2.1", org), &token, "API token has been deleted");
    clock_.set(kStart + std::chrono::seconds(5));  // past the window's end
    audit.unauthenticated(factsFrom("192.0.2.1", org), &token, "API token has been deleted");
    const auto took = std::chrono::steady_clock::now() - started;
    // Held past the writer's first round (at 1 s): that write is busy and must be retried.
    std::this_thread::sleep_for(std::chrono::milliseconds(1600));
    holder.release();
    EXPECT_LT(took, std::chrono::milliseconds(150)) << "a refusal waited for the write lock";

    auto written = [&] {
      return attempts(
          fileStore.begin(store::Store::Mode::Read)
              ->audit()
              .list(org, kStart - std::chrono::hours(1), kStart + std::chrono::hours(1)));
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (written() < 2 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(written(), 2u) << "written by the writer, without a flush";
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace astro::service::testing
