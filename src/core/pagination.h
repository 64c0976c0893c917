// Page<T>: one page of a list with the API's limit/offset/totalCount envelope fields,
// and the shared list query (offset, limit, sorts) with its validation rules.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace astro::core {

inline constexpr int kDefaultPageLimit = 20;
inline constexpr int kMaxPageLimit = 1000;

template <typename T>
struct Page {
  std::vector<T> items;
  int limit = kDefaultPageLimit;
  int offset = 0;
  std::int64_t totalCount = 0;
};

struct SortKey {
  std::string field;
  bool descending = false;
  bool operator==(const SortKey&) const = default;
};

struct ListQuery {
  int offset = 0;
  int limit = kDefaultPageLimit;
  std::vector<SortKey> sorts;
};

}  // namespace astro::core
