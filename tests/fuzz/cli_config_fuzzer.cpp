// Fuzzes the CLI's config file reader and writer (src/cli/config.cpp) on arbitrary text, through
// the string entry points loadConfig and updateConfig use (no file is touched). Invariants: no
// crash and no exception, a bad file is an error value; for a file that reads, the update (a
// login's change: upsert a context, make it current) succeeds and its text reads back as exactly
// the changed config.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cli/config.h"

namespace {

using namespace astro::cli;

[[noreturn]] void fail(const char* what, std::string_view text) {
  std::fprintf(stderr, "%s:\n%.*s\n", what, static_cast<int>(text.size()), text.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string path = "/fuzz/config.yaml";
  auto read = parseConfig(text, path);
  if (!read.ok()) return 0;

  Config expected;
  auto updated = updateConfigText(text, path, [&](Config& c) -> astro::core::Result<void> {
    auto& e = c.upsert("fuzz.example.com");
    e.organization = "org-id";
    e.token = "Bearer astro_org_x";
    c.context = "fuzz.example.com";
    expected = c;
    return {};
  });
  if (!updated.ok())
    fail(("a config that reads cannot be updated: " + updated.error().message).c_str(), text);
  auto back = parseConfig(*updated, path);
  if (!back.ok())
    fail(("the updated text does not read: " + back.error().message).c_str(), *updated);
  if (back->context != expected.context || back->contexts != expected.contexts)
    fail("the updated text reads as another config", *updated);
  return 0;
}
