// Service-level settings with their defaults (each one a named, documented knob).
#pragma once

#include <chrono>
#include <string>

namespace astro::service {

struct ServiceSettings {
  // Optional installation tag placed in issued token values ([a-z0-9]{1,16}; empty: none).
  std::string tokenInstancePrefix;
  // lastUsedAt is kept to this resolution; at most one write per token per interval.
  std::chrono::seconds lastUsedResolution{60};
};

}  // namespace astro::service
