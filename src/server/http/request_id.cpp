#include "server/http/request_id.h"

#include <cstdint>
#include <random>

namespace astro::server::http {

bool isAcceptableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

namespace {
// xoshiro-style splitmix64 stream, seeded once per thread from the OS.
struct IdGenerator {
  std::uint64_t state;
  IdGenerator() {
    std::random_device rd;
    state = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  }
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
};
}  // namespace

void generateRequestId(std::string& out) {
  static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  thread_local IdGenerator gen;
  out.resize(20);
  std::uint64_t a = gen.next(), b = gen.next();
  for (int i = 0; i < 10; ++i) {
    out[i] = kAlphabet[a % 36];
    a /= 36;
    out[10 + i] = kAlphabet[b % 36];
    b /= 36;
  }
}

}  // namespace astro::server::http
