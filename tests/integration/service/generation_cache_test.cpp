// GenerationCache: a value is reused only under the key and the store generation it was put with.
#include "service/cache/generation_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace astro::service::testing {
namespace {

TEST(GenerationCacheTest, ReusesOnlyForTheSameKeyAndGeneration) {
  GenerationCache<std::string> cache(16);
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

TEST(GenerationCacheTest, ACollidingKeyEvictsInsteadOfAnsweringForAnother) {
  GenerationCache<std::string> cache(1);  // every key in the same slot
  cache.put("a", 1, std::make_shared<const std::string>("A"));
  cache.put("b", 1, std::make_shared<const std::string>("B"));
  EXPECT_EQ(cache.find("a", 1), nullptr);
  EXPECT_EQ(*cache.find("b", 1), "B");
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

TEST(GenerationCacheTest, EachThreadsShardFillsOnItsOwn) {
  GenerationCache<std::string> cache(8, 4);
  cache.put("a", 1, std::make_shared<const std::string>("A"));
  EXPECT_EQ(*cache.find("a", 1), "A");  // the same thread, the same shard
  std::thread other([&] {
    // Another thread may miss (its own shard) but never gets a wrong value.
    auto v = cache.find("a", 1);
    EXPECT_TRUE(v == nullptr || *v == "A");
    cache.put("a", 1, std::make_shared<const std::string>("A"));
    EXPECT_EQ(*cache.find("a", 1), "A");
  });
  other.join();
}

}  // namespace
}  // namespace astro::service::testing
