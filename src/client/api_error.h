// Turning an HTTP answer into a core::Error (reference §6.3, product.md §9): only 200 and 204
// succeed; the error text is the body's JSON `message`, else "failed to perform request, status N".
// Server text in the error (message, field errors) passes through terminalText: it is printed.
#pragma once

#include <string_view>

#include "core/error.h"

namespace astro::client {

// The error for a non-success status (the caller checks isSuccess first).
core::Error normalizeApiError(int status, std::string_view body);
inline bool isSuccess(int status) {
  return status == 200 || status == 204;
}

}  // namespace astro::client
