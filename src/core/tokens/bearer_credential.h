// The credential an Authorization header value carries: "Bearer <token>" (the scheme in any
// case, RFC 9110 §11.1) or, as the Astro API accepts, a bare token. Pure; shared by
// authentication and by the transport's per-credential rate limit.
#pragma once

#include <string_view>

namespace astro::core {

// The token text without the scheme and surrounding SP/HTAB; empty when there is none.
std::string_view bearerCredential(std::string_view authorization);

}  // namespace astro::core
