#include "server/http/error_response.h"

#include <boost/json/serialize.hpp>

#include "core/json/api_json.h"

namespace astro::server::http {

void setErrorResponse(HttpResponse& res, const core::Error& error, std::string_view requestId) {
  setErrorResponse(res, core::httpStatus(error.code), error, requestId);
}

void setErrorResponse(HttpResponse& res, int status, const core::Error& error,
                      std::string_view requestId) {
  auto body = core::errorToJson(error, requestId);
  body["statusCode"] = status;
  res.status = status;
  res.json = true;
  res.body = boost::json::serialize(body);
}

}  // namespace astro::server::http
