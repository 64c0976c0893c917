#include "server/logging/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdio>
#include <string>

#include "core/json/json_writer.h"

namespace astro::server::logging {

namespace {
spdlog::level::level_enum toSpd(Level l) {
  switch (l) {
    case Level::Trace:
      return spdlog::level::trace;
    case Level::Debug:
      return spdlog::level::debug;
    case Level::Info:
      return spdlog::level::info;
    case Level::Warn:
      return spdlog::level::warn;
    case Level::Error:
      return spdlog::level::err;
    case Level::Critical:
      return spdlog::level::critical;
    case Level::Off:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

std::atomic<Format> currentFormat{Format::Text};

bool json() {
  return currentFormat.load(std::memory_order_relaxed) == Format::Json;
}

// The members after time and level of a JSON line: "msg":"<message>".
std::string jsonMessage(std::string_view message) {
  std::string out = "\"msg\":";
  core::appendJsonString(out, message);
  return out;
}
}  // namespace

std::optional<Level> parseLevel(std::string_view name) {
  if (name == "trace") return Level::Trace;
  if (name == "debug") return Level::Debug;
  if (name == "info") return Level::Info;
  if (name == "warn" || name == "warning") return Level::Warn;
  if (name == "error") return Level::Error;
  if (name == "critical") return Level::Critical;
  if (name == "off") return Level::Off;
  return std::nullopt;
}

std::optional<Format> parseFormat(std::string_view name) {
  if (name == "text") return Format::Text;
  if (name == "json") return Format::Json;
  return std::nullopt;
}

void init(Level level, Format format) {
  spdlog::drop("astro-server");  // init may run more than once in one process (tests)
  auto logger = spdlog::stderr_logger_mt("astro-server");
  currentFormat.store(format, std::memory_order_relaxed);
  // In JSON the message part (%v) is already a list of JSON members.
  logger->set_pattern(format == Format::Json ? R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})"
                                             : "%Y-%m-%dT%H:%M:%S.%eZ %l %v",
                      spdlog::pattern_time_type::utc);
  logger->set_level(toSpd(level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
}

void setLevel(Level level) {
  spdlog::set_level(toSpd(level));
}

void requestLine(std::string_view method, std::string_view pathTemplate, int status,
                 double durationMs, std::string_view requestId, std::string_view remote) {
  if (!spdlog::should_log(spdlog::level::info)) return;
  if (!json()) {
    spdlog::info("request method={} path={} status={} duration_ms={:.2f} request_id={} remote={}",
                 method, pathTemplate, status, durationMs, requestId, remote);
    return;
  }
  std::string line = R"("msg":"request","method":)";
  core::appendJsonString(line, method);
  line += R"(,"path":)";
  core::appendJsonString(line, pathTemplate);
  line += R"(,"status":)" + std::to_string(status);
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.2f", durationMs);
  line += R"(,"duration_ms":)";
  line += duration;
  line += R"(,"request_id":)";
  core::appendJsonString(line, requestId);
  line += R"(,"remote":)";
  core::appendJsonString(line, remote);
  spdlog::info("{}", line);
}

void info(std::string_view message) {
  if (json()) return spdlog::info("{}", jsonMessage(message));
  spdlog::info("{}", message);
}
void warn(std::string_view message) {
  if (json()) return spdlog::warn("{}", jsonMessage(message));
  spdlog::warn("{}", message);
}
void error(std::string_view message) {
  if (json()) return spdlog::error("{}", jsonMessage(message));
  spdlog::error("{}", message);
}

}  // namespace astro::server::logging
