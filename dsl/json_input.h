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

// The JSON type name of a value, for messages ("string", "object", ...).
std::string_view JsonTypeName(simdjson::ondemand::json_type type);

}  // namespace linkgraph::dsl::internal
