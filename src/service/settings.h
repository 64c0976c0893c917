// Service-level settings with their defaults (each one a named, documented knob).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace astro::service {

struct ServiceSettings {
  // Optional installation tag placed in issued token values ([a-z0-9]{1,16}; empty: none).
  std::string tokenInstancePrefix;
  // lastUsedAt is kept to this resolution; at most one write per token per interval.
  std::chrono::seconds lastUsedResolution{60};
  // Authenticated tokens kept in memory (by value hash) while the store's generation says nothing
  // was written since they were read; 0 turns the cache off. About 0.5 KiB per entry.
  std::size_t authCacheEntries = 4096;
};

}  // namespace astro::service
