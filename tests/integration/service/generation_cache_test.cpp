// GenerationCache: a value is reused only under the key and the store generation it was put with;
// a set evicts its least recently used entry; a fleet of keys stays cached in twice its number.
// One shard unless the test is about shards: a shard is picked by CPU, and a thread may move.
#include "service/cache/generation_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "support/pinned_cpu.h"

namespace astro::service::testing {
namespace {

TEST(GenerationCacheTest, ReusesOnlyForTheSameKeyAndGeneration) {
  GenerationCache<std::string> cache(16, 1);
  EXPECT_EQ(cache.find("a", 1), nullptr);
  cache.put("a", 1, std::make_shared<const std::string>("one"));
  ASSERT_NE(cache.find("a", 1), nullptr);
  EXPECT_EQ(*cache.find("a", 1), "one");
  EXPECT_EQ(cache.find("a", 2), nullptr);  // written since
  EXPECT_EQ(cache.find("b", 1), nullptr);
  cache.put("a", 2, std::make_shared<const std::string>("two"));
  EXPECT_EQ(*cache.find("a", 2), "two");
  EXPECT_EQ(cache.find("a", 1), nullptr);
}

TEST(GenerationCacheTest, AFullSetEvictsItsLeastRecentlyUsedEntryNeverAnsweringForAnother) {
  using Cache = GenerationCache<std::string>;
  Cache cache(1, 1);  // one set: every key meets every other
  ASSERT_EQ(cache.capacity(), Cache::kWays);
  auto key = [](std::size_t i) { return std::string("k").append(std::to_string(i)); };
  for (std::size_t i = 0; i < Cache::kWays; ++i)
    cache.put(key(i), 1, std::make_shared<const std::string>(key(i)));
  for (std::size_t i = 0; i < Cache::kWays; ++i) ASSERT_NE(cache.find(key(i), 1), nullptr) << i;
  ASSERT_NE(cache.find(key(0), 1), nullptr);  // k0 is now the most recently used, k1 the least
  cache.put("new", 1, std::make_shared<const std::string>("new"));
  EXPECT_EQ(cache.find(key(1), 1), nullptr) << "the least recently used entry goes";
  EXPECT_EQ(*cache.find(key(0), 1), key(0));
  EXPECT_EQ(*cache.find("new", 1), "new");
  for (std::size_t i = 2; i < Cache::kWays; ++i) EXPECT_EQ(*cache.find(key(i), 1), key(i));
  // Putting a key again replaces its own entry, evicting nothing.
  cache.put("new", 2, std::make_shared<const std::string>("newer"));
  EXPECT_EQ(*cache.find("new", 2), "newer");
  EXPECT_EQ(*cache.find(key(0), 1), key(0));
}

// The many-token workload (issue 9): a fleet cycling through N tokens, each request the next.
// One entry per slot kept only about 60% of them at 2N slots; sets of kWays keep nearly all.
TEST(GenerationCacheTest, AFleetCyclingThroughItsKeysStaysCachedInTwiceItsNumber) {
  constexpr std::size_t kFleet = 10000;
  GenerationCache<std::string> cache(2 * kFleet, 1);
  auto key = [](std::size_t i) { return std::string("token-").append(std::to_string(i)); };
  auto value = std::make_shared<const std::string>("facts");
  for (int pass = 0; pass < 3; ++pass)
    for (std::size_t i = 0; i < kFleet; ++i)
      if (!cache.find(key(i), 1)) cache.put(key(i), 1, value);
  std::size_t hits = 0;
  for (std::size_t i = 0; i < kFleet; ++i) hits += cache.find(key(i), 1) != nullptr;
  EXPECT_GE(hits, kFleet * 9 / 10) << "of " << kFleet;
}

TEST(GenerationCacheTest, ZeroSlotsHoldNothing) {
  GenerationCache<std::string> cache(0);
  cache.put("a", 1, std::make_shared<const std::string>("A"));
  EXPECT_EQ(cache.find("a", 1), nullptr);
}

TEST(GenerationCacheTest, ConcurrentReadersNeverSeeAValueUnderAnotherGeneration) {
  // Writers put "k<i>" -> "v<i>@<generation>"; readers must only ever get a value whose
  // generation matches the one they asked for (run under ASan/TSan in CI as well). One shard, so
  // that every thread meets the others' entries.
  GenerationCache<std::string> cache(8, 1);
  std::atomic<int> hits{0};
  std::atomic<std::uint64_t> generation{0};
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < 2; ++w)
    threads.emplace_back([&, w] {
      for (int i = 0; i < 20000; ++i) {
        const auto g = generation.load();
        // (append: GCC 12's -Wrestrict misfires on "k" + std::to_string(...).)
        const std::string key = std::string("k").append(std::to_string((i + w) % 32));
        cache.put(key, g,
                  std::make_shared<const std::string>(std::string(key).append("@").append(
                      std::to_string(g))));
        if (i % 100 == 0) generation.fetch_add(1);
      }
    });
  for (int r = 0; r < 2; ++r)
    threads.emplace_back([&] {
      // At least a few passes even if the writers finished first (a loaded machine): their last
      // entries are under the final generation, so the readers meet them either way.
      for (int pass = 0; pass < 100 || !stop.load(); ++pass) {
        for (int k = 0; k < 32; ++k) {
          const auto g = generation.load();
          const std::string key = std::string("k").append(std::to_string(k));
          if (auto v = cache.find(key, g)) {
            ++hits;
            if (*v != std::string(key).append("@").append(std::to_string(g))) ++bad;
          }
        }
      }
    });
  threads[0].join();
  threads[1].join();
  stop = true;
  threads[2].join();
  threads[3].join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GT(hits.load(), 0) << "the readers never met a writer's entry: the test proves nothing";
}

TEST(GenerationCacheTest, EachCpusShardFillsOnItsOwnAndNoneAnswersWrongly) {
  GenerationCache<std::string> cache(8, 4);
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        // Whichever CPU this runs on (it may move between calls), a find answers the value put
        // under this key and generation, or nothing.
        if (auto v = cache.find("a", 1); v && *v != "A") ++wrong;
        cache.put("a", 1, std::make_shared<const std::string>("A"));
        if (auto v = cache.find("a", 2); v) ++wrong;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
  const auto s = cache.stats();
  EXPECT_EQ(s.hits + s.misses, 8000u);
  EXPECT_GT(s.hits, 0u);
}

// A fleet's first round used to read each value once per CPU (each shard filled on its own): on
// PostgreSQL a round trip per token per core. A key another shard holds under the same
// generation is taken from there instead, and then answered by this shard.
TEST(GenerationCacheTest, AShardTakesWhatAnotherHoldsUnderTheSameGeneration) {
  if (astro::testing::PinnedToCpu::available() < 2) GTEST_SKIP() << "needs two CPUs";
  GenerationCache<std::string> cache(64, 2);
  {
    astro::testing::PinnedToCpu first(0);
    ASSERT_TRUE(first.pinned());
    cache.put("a", 1, std::make_shared<const std::string>("A"));
    ASSERT_TRUE(cache.find("a", 1));
  }
  astro::testing::PinnedToCpu second(1);
  ASSERT_TRUE(second.pinned());
  EXPECT_FALSE(cache.find("a", 2)) << "another generation is never taken";
  auto v = cache.find("a", 1);
  ASSERT_TRUE(v) << "read again although CPU 0's shard holds it";
  EXPECT_EQ(*v, "A");
  EXPECT_FALSE(cache.find("b", 1));
  const auto s = cache.stats();
  EXPECT_EQ(s.hits, 2u);
  EXPECT_EQ(s.misses, 2u);
}

}  // namespace
}  // namespace astro::service::testing
