// Small helpers over simdjson's On-Demand API for the dsl's JSON inputs (filters, requests).
// Internal to dsl/: simdjson exceptions are caught at the parse entry points.
#pragma once

#include <string>
#include <string_view>

#include <simdjson.h>

namespace linkgraph::dsl::internal {

// A JSON value read to completion into a compact, owned form suitable for the AST.
// Object keys keep their order; duplicate keys are refused by the readers.
using JsonValue = simdjson::ondemand::value;

// Thrown by readers with a message and a location ("filters.rating.$gte").
struct JsonError {
  std::string message;
  std::string where;
};

// The JSON text of `value` as written in its document (objects and arrays whole, scalars as their
// token), without trailing whitespace. Consumes the value.
inline std::string_view RawJson(simdjson::ondemand::value value) {
  switch (value.type()) {
    case simdjson::ondemand::json_type::object: {
      simdjson::ondemand::object obj = value.get_object();
      return obj.raw_json();
    }
    case simdjson::ondemand::json_type::array: {
      simdjson::ondemand::array arr = value.get_array();
      return arr.raw_json();
    }
    default: {
      std::string_view t = value.raw_json_token();
      while (!t.empty() && (t.back() == ' ' || t.back() == '\n' || t.back() == '\r' ||
                            t.back() == '\t')) {
        t.remove_suffix(1);
      }
      return t;
    }
  }
}

// True when the raw (unescaped-not) object key `key` is exactly `name`. Use it in a pass over an
// object that will be iterated again: unescaping every key twice can overrun simdjson's string
// buffer. A key written with escapes never matches.
inline bool RawKeyIs(simdjson::ondemand::raw_json_string key, std::string_view name) {
  const char* p = key.raw();
  for (size_t i = 0; i < name.size(); ++i) {
    if (p[i] != name[i]) return false;
  }
  return p[name.size()] == '"';
}

// The JSON type name of a value, for messages ("string", "object", ...).
std::string_view JsonTypeName(simdjson::ondemand::json_type type);

}  // namespace linkgraph::dsl::internal
