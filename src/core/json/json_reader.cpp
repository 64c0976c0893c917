#include "core/json/json_reader.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <algorithm>
#include <optional>
#include <unordered_set>
#include <vector>

#include "core/validation/text_rules.h"

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
      errors_.push_back({"unknown_field", fieldName(echoName(kv.key())), "unknown field"});
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

namespace {

namespace json = boost::json;

// Builds the value as boost::json::parser does (a value_stack) and refuses a key given twice in
// one object, remembering where: last-wins would let a proxy and this server read different
// names from the same body. Keys are compared as decoded text.
class StrictHandler {
 public:
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  json::value_stack st;
  std::optional<std::string> duplicate;  // the field name of the key given twice

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) {
    frames_.emplace_back().array = false;
    return true;
  }
  bool on_object_end(std::size_t n, json::error_code&) {
    frames_.pop_back();
    st.push_object(n);
    return valueDone();
  }
  bool on_array_begin(json::error_code&) {
    frames_.emplace_back().array = true;
    return true;
  }
  bool on_array_end(std::size_t n, json::error_code&) {
    frames_.pop_back();
    st.push_array(n);
    return valueDone();
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    frames_.back().key.append(s.data(), s.size());
    st.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code& ec) {
    Frame& f = frames_.back();
    std::string key = std::move(f.key);
    f.key = std::string();
    key.insert(key.end(), s.begin(), s.end());
    if (!f.keys.insert(key).second) {
      duplicate = pathOf(key);
      ec = boost::system::errc::make_error_code(boost::system::errc::invalid_argument);
      return false;
    }
    st.push_key(s);
    f.current = std::move(key);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    st.push_string(s);
    return valueDone();
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    st.push_int64(i);
    return valueDone();
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    st.push_uint64(u);
    return valueDone();
  }
  bool on_double(double d, json::string_view, json::error_code&) {
    st.push_double(d);
    return valueDone();
  }
  bool on_bool(bool b, json::error_code&) {
    st.push_bool(b);
    return valueDone();
  }
  bool on_null(json::error_code&) {
    st.push_null();
    return valueDone();
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

 private:
  struct Frame {
    bool array = false;
    std::size_t index = 0;                 // array: the element being read
    std::string key;                       // object: the key being read (parts)
    std::string current;                   // object: the key whose value is being read
    std::unordered_set<std::string> keys;  // object: the keys seen
  };

  bool valueDone() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
    return true;
  }

  // "roles[1].entityType": the enclosing keys and indexes, then `key`.
  std::string pathOf(std::string_view key) const {
    std::string path;
    auto addKey = [&](std::string_view k) {
      if (!path.empty()) path += '.';
      path += echoName(k);
    };
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      if (frames_[i].array)
        path.append(1, '[').append(std::to_string(frames_[i].index)).append(1, ']');
      else
        addKey(frames_[i].current);
    }
    addKey(key);
    return path;
  }

  std::vector<Frame> frames_;
};

}  // namespace

Result<boost::json::value> parseJsonBody(std::string_view body) {
  json::basic_parser<StrictHandler> parser(json::parse_options{});
  parser.handler().st.reset();
  json::error_code ec;
  const std::size_t used = parser.write_some(false, body.data(), body.size(), ec);
  if (auto& dup = parser.handler().duplicate)
    return Error::invalid("Invalid request body: " + *dup + " is given more than once",
                          {{"duplicate_field", *dup, "is given more than once"}});
  if (!ec && used < body.size()) ec = json::error::extra_data;
  if (ec) return Error::invalid("Malformed JSON in request body: " + ec.message());
  return parser.handler().st.release();
}

}  // namespace astro::core
