#include "service/clock.h"

#include <openssl/rand.h>

#include <climits>
#include <cstdio>
#include <cstdlib>

namespace astro::service {

core::RandomBytes osRandomBytes() {
  return [](std::span<std::uint8_t> out) {
    std::size_t done = 0;
    while (done < out.size()) {
      const std::size_t n = std::min<std::size_t>(out.size() - done, INT_MAX);
      if (RAND_bytes(out.data() + done, static_cast<int>(n)) != 1) {
        std::fputs("fatal: the OS random number generator failed; refusing to continue\n", stderr);
        std::abort();
      }
      done += n;
    }
  };
}

}  // namespace astro::service
