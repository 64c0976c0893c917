// Exit code classes (product.md departure 9).
#pragma once

#include "core/error.h"

namespace astro::cli {

inline constexpr int kExitOk = 0;  // also "cancelled by user"
inline constexpr int kExitUsage = 1;
inline constexpr int kExitAuth = 2;
inline constexpr int kExitNotFound = 3;  // not found, or an ambiguous selection
inline constexpr int kExitForbidden = 4;
inline constexpr int kExitServer = 5;  // server or network failure

int exitCodeFor(const core::Error& e);

}  // namespace astro::cli
