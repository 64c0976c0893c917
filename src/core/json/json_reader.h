// Strict reading of a JSON request object: required and optional fields with their types,
// unknown fields rejected; every problem becomes a FieldError (never an exception).
#pragma once

#include <boost/json/value.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/result.h"

namespace astro::core {

class JsonObjectReader {
 public:
  // `known` lists every field the object may carry; others are reported as unknown_field.
  JsonObjectReader(const boost::json::value& v, std::initializer_list<std::string_view> known,
                   std::string prefix = "");

  std::string requiredString(std::string_view field);
  std::optional<std::string> optionalString(std::string_view field);
  std::optional<int> optionalInt(std::string_view field);
  std::optional<bool> optionalBool(std::string_view field);
  // The raw value of an array field (nullptr when absent or null); reports a type error.
  const boost::json::array* optionalArray(std::string_view field);
  const boost::json::array* requiredArray(std::string_view field);

  void addError(std::string code, std::string field, std::string message);
  std::string fieldName(std::string_view field) const { return prefix_ + std::string(field); }
  bool ok() const { return errors_.empty(); }
  std::vector<FieldError>& errors() { return errors_; }
  // 400 "Invalid request body" with the collected field errors.
  Error toError() const;

 private:
  const boost::json::object* obj_ = nullptr;
  std::string prefix_;
  std::vector<FieldError> errors_;
};

// Parses text as JSON; a syntax error is a 400 with a clear message, and so is a key given twice
// in one object (field error "duplicate_field" naming it, e.g. "roles[1].entityType"): with
// last-wins, a proxy and this server could read different values from one body.
Result<boost::json::value> parseJsonBody(std::string_view body);

}  // namespace astro::core
