#include "cli/exit_codes.h"

namespace astro::cli {

int exitCodeFor(const core::Error& e) {
  switch (e.code) {
    case core::ErrorCode::InvalidInput:
    case core::ErrorCode::Conflict:
    case core::ErrorCode::PayloadTooLarge:
    case core::ErrorCode::UnsupportedMediaType:
      return kExitUsage;
    case core::ErrorCode::Unauthenticated:
      return kExitAuth;
    case core::ErrorCode::NotFound:
      return kExitNotFound;
    case core::ErrorCode::Forbidden:
      return kExitForbidden;
    case core::ErrorCode::RateLimited:
    case core::ErrorCode::Internal:
    case core::ErrorCode::Unavailable:
      return kExitServer;
  }
  return kExitUsage;
}

}  // namespace astro::cli
