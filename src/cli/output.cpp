#include "cli/output.h"

#include <yaml-cpp/yaml.h>

#include <boost/json/serialize.hpp>

namespace astro::cli {
namespace json = boost::json;

core::Result<OutputFormat> resolveOutputFormat(const OutputFlags& f) {
  if (f.json && f.outputGiven)
    return core::Error::invalid(
        "if any flags in the group [json output] are set none of the others can be; [json "
        "output] were all set");
  if (f.json) return OutputFormat::Json;
  if (f.output.empty() || f.output == "table") return OutputFormat::Table;
  if (f.output == "json") return OutputFormat::Json;
  if (f.output == "yaml") return OutputFormat::Yaml;
  return core::Error::invalid("invalid format \"" + f.output + "\" (must be table, json, or yaml)");
}

namespace {

void writeJson(std::string& out, const json::value& v, int indent) {
  auto pad = [&](int n) { out.append(static_cast<std::size_t>(n) * 2, ' '); };
  if (auto* o = v.if_object()) {
    if (o->empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    std::size_t i = 0;
    for (const auto& kv : *o) {
      pad(indent + 1);
      out += json::serialize(json::string(kv.key()));
      out += ": ";
      writeJson(out, kv.value(), indent + 1);
      out += ++i < o->size() ? ",\n" : "\n";
    }
    pad(indent);
    out += "}";
  } else if (auto* a = v.if_array()) {
    if (a->empty()) {
      out += "[]";
      return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < a->size(); ++i) {
      pad(indent + 1);
      writeJson(out, (*a)[i], indent + 1);
      out += i + 1 < a->size() ? ",\n" : "\n";
    }
    pad(indent);
    out += "]";
  } else {
    out += json::serialize(v);
  }
}

void emitYaml(YAML::Emitter& e, const json::value& v) {
  if (auto* o = v.if_object()) {
    e << YAML::BeginMap;
    for (const auto& kv : *o) {
      e << YAML::Key << std::string(kv.key()) << YAML::Value;
      emitYaml(e, kv.value());
    }
    e << YAML::EndMap;
  } else if (auto* a = v.if_array()) {
    e << YAML::BeginSeq;
    for (const auto& x : *a) emitYaml(e, x);
    e << YAML::EndSeq;
  } else if (auto* s = v.if_string()) {
    // yaml-cpp escapes C0 and C1 controls in a double-quoted scalar but writes DEL raw, which
    // YAML does not allow (1.2 §5.1); its only way to escape DEL escapes all non-ASCII too, so
    // only a value holding DEL gets that (it still reads back as the same text).
    if (s->find('\x7f') != boost::json::string::npos) e << YAML::EscapeNonAscii;
    e << YAML::DoubleQuoted << std::string(*s);
  } else if (v.is_null()) {
    e << YAML::Null;
  } else {
    e << json::serialize(v);
  }
}

}  // namespace

std::string toPrettyJson(const json::value& v) {
  std::string out;
  writeJson(out, v, 0);
  out += "\n";
  return out;
}

std::string toYaml(const json::value& v) {
  YAML::Emitter e;
  emitYaml(e, v);
  return std::string(e.c_str()) + "\n";
}

std::string renderStructured(const json::value& v, OutputFormat f) {
  return f == OutputFormat::Yaml ? toYaml(v) : toPrettyJson(v);
}

}  // namespace astro::cli
