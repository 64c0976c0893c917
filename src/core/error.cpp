#include "core/error.h"

namespace astro::core {

int httpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidInput: return 400;
    case ErrorCode::Unauthenticated: return 401;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::PayloadTooLarge: return 413;
    case ErrorCode::UnsupportedMediaType: return 415;
    case ErrorCode::RateLimited: return 429;
    case ErrorCode::Internal: return 500;
    case ErrorCode::Unavailable: return 503;
  }
  return 500;
}

ErrorCode errorCodeFromHttpStatus(int status) {
  switch (status) {
    case 400: return ErrorCode::InvalidInput;
    case 401: return ErrorCode::Unauthenticated;
    case 403: return ErrorCode::Forbidden;
    case 404: return ErrorCode::NotFound;
    case 409: return ErrorCode::Conflict;
    case 413: return ErrorCode::PayloadTooLarge;
    case 415: return ErrorCode::UnsupportedMediaType;
    case 429: return ErrorCode::RateLimited;
    case 503: return ErrorCode::Unavailable;
    default: return status >= 500 ? ErrorCode::Internal : ErrorCode::InvalidInput;
  }
}

}  // namespace astro::core
