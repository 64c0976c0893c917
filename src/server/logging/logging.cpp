#include "server/logging/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

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

void init(Level level) {
  spdlog::drop("astro-server");  // init may run more than once in one process (tests)
  auto logger = spdlog::stderr_logger_mt("astro-server");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  logger->set_level(toSpd(level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
}

void setLevel(Level level) {
  spdlog::set_level(toSpd(level));
}

void requestLine(std::string_view method, std::string_view pathTemplate, int status,
                 double durationMs, std::string_view requestId, std::string_view remote) {
  spdlog::info("request method={} path={} status={} duration_ms={:.2f} request_id={} remote={}",
               method, pathTemplate, status, durationMs, requestId, remote);
}

void info(std::string_view message) {
  spdlog::info("{}", message);
}
void warn(std::string_view message) {
  spdlog::warn("{}", message);
}
void error(std::string_view message) {
  spdlog::error("{}", message);
}

}  // namespace astro::server::logging
