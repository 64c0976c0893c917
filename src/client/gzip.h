// gzip helpers for the audit-log export (reference §7): the server may answer with a gzip body
// (Content-Encoding: gzip) or plain NDJSON; the CLI always writes a gzip file.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace astro::client {

// True when `data` starts with the gzip magic bytes 0x1f 0x8b.
bool isGzip(std::string_view data);
// gzip (RFC 1952) of `data` at zlib's default compression level.
std::string gzipCompress(std::string_view data);
// The inflated content of a gzip stream (several members are concatenated).
core::Result<std::string> gzipDecompress(std::string_view data);
// `data` unchanged when it already is gzip, else gzipCompress(data) (the Go CLI's ensureGzip).
std::string ensureGzip(std::string data);

}  // namespace astro::client
