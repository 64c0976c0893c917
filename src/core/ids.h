// Object IDs: 25 characters, 'c' then 24 of [0-9a-z] (the shape the Go CLI calls a CUID).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/tokens/token_codec.h"

namespace astro::core {

bool isCuid(std::string_view s);
// The field error message for a request value that should be an ID and is not. Checked before a
// value is echoed into any message: an ID is short, a request value need not be.
inline constexpr std::string_view kNotAnIdMessage =
    "must be an ID: 'c' and 24 lowercase letters or digits";
std::string generateId(const RandomBytes& random);

}  // namespace astro::core
