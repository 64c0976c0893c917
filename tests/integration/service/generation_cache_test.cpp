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
  // generation matches the one they asked for (run under ASan/TSan in CI as well).
  GenerationCache<std::string> cache(8);
  std::atomic<std::uint64_t> generation{0};
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < 2; ++w)
    threads.emplace_back([&, w] {
      for (int i = 0; i < 20000; ++i) {
        const auto g = generation.load();
        const std::string key = "k" + std::to_string((i + w) % 32);
        cache.put(key, g, std::make_shared<const std::string>(key + "@" + std::to_string(g)));
        if (i % 100 == 0) generation.fetch_add(1);
      }
    });
  for (int r = 0; r < 2; ++r)
    threads.emplace_back([&] {
      while (!stop.load()) {
        for (int k = 0; k < 32; ++k) {
          const auto g = generation.load();
          const std::string key = "k" + std::to_string(k);
          if (auto v = cache.find(key, g); v && *v != key + "@" + std::to_string(g)) ++bad;
        }
      }
    });
  threads[0].join();
  threads[1].join();
  stop = true;
  threads[2].join();
  threads[3].join();
  EXPECT_EQ(bad.load(), 0);
}

}  // namespace
}  // namespace astro::service::testing
