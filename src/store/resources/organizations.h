// Organizations: the organization records.
// One of the per-resource interfaces a store::Transaction hands out (store/store.h); every
// backend implements it and passes the conformance suite.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pagination.h"
#include "store/records.h"

namespace astro::store {

class Organizations {
 public:
  virtual ~Organizations() = default;

  virtual void insert(const core::Organization& org) = 0;
  virtual void update(const core::Organization& org) = 0;
  virtual std::optional<core::Organization> find(std::string_view id) = 0;
  virtual std::vector<core::Organization> list() = 0;  // ordered by createdAt, id
};

}  // namespace astro::store
