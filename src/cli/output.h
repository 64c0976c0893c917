// Structured output: the -o/--output table|json|yaml and --json flags (product.md departure 7),
// Go-style pretty JSON (2-space indent, no HTML escaping, trailing newline) and YAML of the same
// object.
#pragma once

#include <boost/json/value.hpp>

#include <string>

#include "core/result.h"

namespace astro::cli {

enum class OutputFormat { Table, Json, Yaml };

struct OutputFlags {
  bool json = false;
  std::string output;
  bool outputGiven = false;
};

// --json and --output together, or an unknown format, are usage errors.
core::Result<OutputFormat> resolveOutputFormat(const OutputFlags& f);
std::string toPrettyJson(const boost::json::value& v);
std::string toYaml(const boost::json::value& v);
// JSON or YAML text of `v` for a structured format.
std::string renderStructured(const boost::json::value& v, OutputFormat f);

}  // namespace astro::cli
