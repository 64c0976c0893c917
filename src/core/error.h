// Error values shared by every layer: a code that maps to one HTTP status and one CLI exit class,
// a human message, and per-field validation errors. Errors are values; nothing here throws.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace astro::core {

enum class ErrorCode {
  InvalidInput,          // 400
  Unauthenticated,       // 401
  Forbidden,             // 403
  NotFound,              // 404
  Conflict,              // 409
  PayloadTooLarge,       // 413
  UnsupportedMediaType,  // 415
  RateLimited,           // 429
  Internal,              // 500
  Unavailable,           // 503 (server) / network failure (client)
};

struct FieldError {
  std::string code;  // e.g. "required", "invalid", "too_long", "unknown_field"
  std::string field;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  std::vector<FieldError> fieldErrors;
  // Set by the service that refused the request once it has recorded the refusal in the audit
  // log, so that nothing records it a second time. Never sent to a client.
  bool audited = false;

  static Error invalid(std::string message, std::vector<FieldError> fields = {}) {
    return {ErrorCode::InvalidInput, std::move(message), std::move(fields)};
  }
  static Error unauthenticated(std::string m) { return {ErrorCode::Unauthenticated, std::move(m), {}}; }
  static Error forbidden(std::string m) { return {ErrorCode::Forbidden, std::move(m), {}}; }
  static Error notFound(std::string m) { return {ErrorCode::NotFound, std::move(m), {}}; }
  static Error conflict(std::string m) { return {ErrorCode::Conflict, std::move(m), {}}; }
  static Error internal(std::string m) { return {ErrorCode::Internal, std::move(m), {}}; }
};

// The HTTP status an error code is answered with.
int httpStatus(ErrorCode code);
// The inverse, for clients reading a server's error: any unknown 4xx is InvalidInput, 5xx Internal.
ErrorCode errorCodeFromHttpStatus(int status);

}  // namespace astro::core
