// The astro-server command line (CLI11): `serve` (the default), `init` and `backup`, flags and
// their environment variables as docs/design-notes.md lists them. Returns the process exit status.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace astro::server::cli {

int run(int argc, char** argv);

// "127.0.0.1:8888", "[::1]:8888", "localhost:8888" -> host literal and port; nullopt when the
// value is not of that shape.
struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};
std::optional<ListenAddress> parseListenAddress(std::string_view value);

}  // namespace astro::server::cli
