// Server logging: spdlog to stderr behind plain functions, so only logging.cpp compiles spdlog.
// One structured line per request (method, route template, status, duration, request id,
// remote); never a header value, a body or a raw query. Lines are text (key=value) or, with
// Format::Json, one JSON object per line (time, level, msg and the request's fields) for log
// collectors. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace astro::server::logging {

enum class Level { Trace, Debug, Info, Warn, Error, Critical, Off };
enum class Format { Text, Json };

// "trace", "debug", "info", "warn", "error", "critical", "off".
std::optional<Level> parseLevel(std::string_view name);
// "text", "json".
std::optional<Format> parseFormat(std::string_view name);
// Sends every log line to stderr at `level` and above. Call once at start (optional: without
// it, spdlog's default logger is used).
void init(Level level, Format format = Format::Text);
void setLevel(Level level);

void requestLine(std::string_view method, std::string_view pathTemplate, int status,
                 double durationMs, std::string_view requestId, std::string_view remote);
void info(std::string_view message);
void warn(std::string_view message);
void error(std::string_view message);

}  // namespace astro::server::logging
