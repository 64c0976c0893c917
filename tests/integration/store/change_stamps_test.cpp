// ChangeStamps: per-key generations shared by every cache of a replica (store/change_stamps.h).
#include "store/change_stamps.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/change_keys.h"

namespace astro::store {
namespace {

std::string hashOf(int i) {
  return "hash-" + std::to_string(i);
}
std::string idOf(int i) {
  return "token-" + std::to_string(i);
}

constexpr int kTokens = 10000;

// How many of kTokens values' hash generations `change` moves.
template <class Change>
int movedBy(ChangeStamps& stamps, Change change) {
  std::vector<std::uint64_t> before;
  for (int i = 0; i < kTokens; ++i)
    before.push_back(stamps.generation(changes::tokenHash(hashOf(i))));
  change();
  int moved = 0;
  for (int i = 0; i < kTokens; ++i)
    if (stamps.generation(changes::tokenHash(hashOf(i))) != before[i]) ++moved;
  return moved;
}

TEST(ChangeStampsTest, AChangeMovesItsKeyAndAnEpochMovesEveryKey) {
  ChangeStamps stamps;
  const std::string a = changes::tokenHash("a");
  const auto before = stamps.generation(a);
  EXPECT_EQ(stamps.generation(a), before) << "nothing changed";
  stamps.bump(a);
  EXPECT_NE(stamps.generation(a), before);
  const auto other = stamps.generation(changes::token("org", "b"));
  stamps.bumpAll();
  EXPECT_NE(stamps.generation(changes::token("org", "b")), other);
}

TEST(ChangeStampsTest, AnUntrustedStoreNeverAnswersTheSameGenerationTwice) {
  ChangeStamps stamps;
  const std::string a = changes::tokenHash("a");
  const auto trusted = stamps.generation(a);
  stamps.distrust();
  const auto first = stamps.generation(a);
  EXPECT_NE(first, stamps.generation(a));
  stamps.trust();
  EXPECT_EQ(stamps.generation(a), stamps.generation(a));
  EXPECT_NE(stamps.generation(a), trusted) << "trusting again moves every key";
}

// A fleet of tokens each used for the first time in a minute: the batch that writes their
// lastUsedAt moves each token's own key (get by ID shows lastUsedAt) and the list pages, never
// what authentication read (the value's hash: lastUsedAt is not part of it). Were the kinds to
// share counters, 10,000 such writes would move nearly every value's generation and empty the
// authentication cache of every replica once a minute.
TEST(ChangeStampsTest, KeysOfOneKindNeverMoveTheGenerationOfAnotherKind) {
  ChangeStamps stamps;
  const int moved = movedBy(stamps, [&] {
    for (int i = 0; i < kTokens; ++i) stamps.bump(changes::token("org", idOf(i)));
    stamps.bump(changes::tokenPages("org"));
  });
  EXPECT_EQ(moved, 0) << "of " << kTokens << " values' generations";
}

// Keys of one kind share counters by hash (fixed memory): a change may move an unrelated key of
// its kind (a needless miss), rarely: 100 rotations move fewer than 1 in 100 other values.
TEST(ChangeStampsTest, AChangeRarelyMovesAnUnrelatedKeyOfItsKind) {
  ChangeStamps stamps;
  const int moved = movedBy(stamps, [&] {
    for (int i = 0; i < 100; ++i) stamps.bump(changes::tokenHash("rotated-" + std::to_string(i)));
  });
  EXPECT_LT(moved, kTokens / 100);
}

}  // namespace
}  // namespace astro::store
