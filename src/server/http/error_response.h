// Error bodies in the API's shape {"message","requestId","statusCode"[,"fieldErrors"]}
// (core::errorToJson), for statuses that have no core::ErrorCode too (405, 431).
#pragma once

#include <string_view>

#include "core/error.h"
#include "server/http/http_message.h"

namespace astro::server::http {

// Status taken from the error's code.
void setErrorResponse(HttpResponse& res, const core::Error& error, std::string_view requestId);
// Explicit status (its number also goes into "statusCode").
void setErrorResponse(HttpResponse& res, int status, const core::Error& error,
                      std::string_view requestId);

}  // namespace astro::server::http
