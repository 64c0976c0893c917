#include "core/json/json_reader.h"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace astro::core {

JsonObjectReader::JsonObjectReader(const boost::json::value& v,
                                   std::initializer_list<std::string_view> known,
                                   std::string prefix)
    : prefix_(std::move(prefix)) {
  obj_ = v.if_object();
  if (!obj_) {
    errors_.push_back({"invalid_type", prefix_.empty() ? "body" : prefix_.substr(0, prefix_.size() - 1),
                       "must be a JSON object"});
    return;
  }
  for (const auto& kv : *obj_) {
    if (std::find(known.begin(), known.end(), kv.key()) == known.end())
      errors_.push_back({"unknown_field", fieldName(kv.key()), "unknown field"});
  }
}

void JsonObjectReader::addError(std::string code, std::string field, std::string message) {
  errors_.push_back({std::move(code), std::move(field), std::move(message)});
}

std::string JsonObjectReader::requiredString(std::string_view field) {
  if (!obj_) return {};
  auto* v = obj_->if_contains(field);
  if (!v || v->is_null()) {
    addError("required", fieldName(field), "is required");
    return {};
  }
  if (!v->is_string()) {
    addError("invalid_type", fieldName(field), "must be a string");
    return {};
  }
  return std::string(v->get_string());
}

std::optional<std::string> JsonObjectReader::optionalString(std::string_view field) {
  if (!obj_) return std::nullopt;
  auto* v = obj_->if_contains(field);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) {
    addError("invalid_type", fieldName(field), "must be a string");
    return std::nullopt;
  }
  return std::string(v->get_string());
}

std::optional<int> JsonObjectReader::optionalInt(std::string_view field) {
  if (!obj_) return std::nullopt;
  auto* v = obj_->if_contains(field);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_int64() && v->get_int64() >= INT32_MIN && v->get_int64() <= INT32_MAX)
    return static_cast<int>(v->get_int64());
  if (v->is_uint64() && v->get_uint64() <= INT32_MAX) return static_cast<int>(v->get_uint64());
  addError("invalid_type", fieldName(field), "must be an integer");
  return std::nullopt;
}

std::optional<bool> JsonObjectReader::optionalBool(std::string_view field) {
  if (!obj_) return std::nullopt;
  auto* v = obj_->if_contains(field);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_bool()) {
    addError("invalid_type", fieldName(field), "must be a boolean");
    return std::nullopt;
  }
  return v->get_bool();
}

const boost::json::array* JsonObjectReader::optionalArray(std::string_view field) {
  if (!obj_) return nullptr;
  auto* v = obj_->if_contains(field);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_array()) {
    addError("invalid_type", fieldName(field), "must be an array");
    return nullptr;
  }
  return &v->get_array();
}

const boost::json::array* JsonObjectReader::requiredArray(std::string_view field) {
  if (!obj_) return nullptr;
  auto* v = obj_->if_contains(field);
  if (!v || v->is_null()) {
    addError("required", fieldName(field), "is required");
    return nullptr;
  }
  return optionalArray(field);
}

Error JsonObjectReader::toError() const { return Error::invalid("Invalid request body", errors_); }

Result<boost::json::value> parseJsonBody(std::string_view body) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec) return Error::invalid("Malformed JSON in request body: " + ec.message());
  return v;
}

}  // namespace astro::core
