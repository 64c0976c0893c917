// The Organization resource (reference §8, the fields this server keeps).
#pragma once

#include <optional>
#include <string>

#include "core/subject_profile.h"
#include "core/time_format.h"

namespace astro::core {

struct Organization {
  std::string id;
  std::string name;
  Timestamp createdAt{};
  Timestamp updatedAt{};
  BasicSubjectProfile createdBy;
  BasicSubjectProfile updatedBy;
  std::string product = "HOSTED";
  std::string status = "ACTIVE";
  bool operator==(const Organization&) const = default;
};

}  // namespace astro::core
