// Timestamps (whole seconds, UTC), RFC 3339 formatting/parsing and the CLI's TimeAgo.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace astro::core {

using Timestamp = std::chrono::sys_seconds;

// "YYYY-MM-DDTHH:MM:SSZ".
std::string formatRfc3339(Timestamp t);
inline constexpr std::size_t kRfc3339Length = 20;
// The same 20 characters written to `out` (no terminator): for writers that place them in place.
void writeRfc3339(Timestamp t, char* out);
// Accepts "YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)"; fractions are truncated.
std::optional<Timestamp> parseRfc3339(std::string_view s);
// "YYYY-MM-DD" (used by the EXPIRES column).
std::string formatDate(Timestamp t);
// Reference §1.6: "N days ago", "N hours ago", "N minutes ago", "Just now".
std::string timeAgo(Timestamp then, Timestamp now);

}  // namespace astro::core
