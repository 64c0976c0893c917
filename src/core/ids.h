// Object IDs: 25 characters, 'c' then 24 of [0-9a-z] (the shape the Go CLI calls a CUID).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/tokens/token_codec.h"

namespace astro::core {

bool isCuid(std::string_view s);
std::string generateId(const RandomBytes& random);

}  // namespace astro::core
