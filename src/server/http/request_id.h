// Request IDs: the client's X-Request-Id when it is sane ([A-Za-z0-9._:-]{1,128}), else one we
// generate. IDs correlate log lines and error bodies; they are not secrets.
#pragma once

#include <string>
#include <string_view>

namespace astro::server::http {

bool isAcceptableRequestId(std::string_view id);
// 20 characters of [0-9a-z] from a per-thread generator (no lock, no system call per request).
void generateRequestId(std::string& out);

}  // namespace astro::server::http
