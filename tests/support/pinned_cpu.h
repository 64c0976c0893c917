// PinnedToCpu: keeps the calling thread on one CPU while it lives (restoring its affinity after).
// The read caches pick their shard by the CPU a thread runs on (service/cache/generation_cache.h):
// a test that counts one shard's hits must not move between shards, and a test about shards
// moves the thread on purpose.
#pragma once

#include <sched.h>

namespace astro::testing {

class PinnedToCpu {
 public:
  // `cpu` < 0: the CPU the thread runs on now.
  explicit PinnedToCpu(int cpu = -1) {
    saved_ = ::sched_getaffinity(0, sizeof before_, &before_) == 0;
    if (cpu < 0) cpu = ::sched_getcpu();
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu < 0 ? 0 : cpu, &one);
    pinned_ = saved_ && ::sched_setaffinity(0, sizeof one, &one) == 0;
  }
  ~PinnedToCpu() {
    if (saved_) ::sched_setaffinity(0, sizeof before_, &before_);
  }
  PinnedToCpu(const PinnedToCpu&) = delete;
  PinnedToCpu& operator=(const PinnedToCpu&) = delete;

  bool pinned() const { return pinned_; }
  // How many CPUs this thread may run on (before any pinning).
  static int available() {
    cpu_set_t set;
    return ::sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
  }

 private:
  cpu_set_t before_{};
  bool saved_ = false;
  bool pinned_ = false;
};

}  // namespace astro::testing
