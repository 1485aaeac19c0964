// Walking the writes' JSON inputs: one object, or an array of objects, each located as
// `<label>[i]` for messages.
#pragma once

#include <string>
#include <string_view>

#include <simdjson.h>

#include "dsl/json_input.h"

#include "absl/status/status.h"
#include "dsl/location.h"

namespace linkgraph::modules {

// The offset just past the JSON object or array that `text` starts with (after blanks), or npos
// when `text` does not start with one or it is not closed: brackets are counted outside strings,
// nothing else is checked. Tells content after a value from a value cut short.
inline size_t EndOfJsonContainer(std::string_view text) {
  size_t i = text.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos || (text[i] != '{' && text[i] != '[')) {
    return std::string_view::npos;
  }
  size_t depth = 0;
  bool in_string = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Calls `fn(object, "<label>[i]")` for `json` (an object: i = 0) or for each element of an array
// of objects, stopping at the first error. Malformed JSON and non-objects are InvalidArgument
// located at `label` or `<label>[i]`.
template <typename Fn>
absl::Status ForEachJsonObject(std::string_view json, const std::string& label, const Fn& fn) {
  simdjson::padded_string padded = dsl::internal::Padded(json);
  dsl::internal::ParserLease parser(padded.size());
  try {
    simdjson::ondemand::document doc = dsl::internal::Iterate(parser, padded);
    simdjson::ondemand::json_type t = doc.type();
    if (t == simdjson::ondemand::json_type::object) return fn(doc.get_object(), label + "[0]");
    if (t != simdjson::ondemand::json_type::array) {
      return dsl::InvalidAt("expected a JSON object or an array of objects", label);
    }
    size_t i = 0;
    for (auto item : doc.get_array()) {
      std::string where = label + "[" + std::to_string(i++) + "]";
      simdjson::ondemand::value v = item.value();
      if (v.type() != simdjson::ondemand::json_type::object) {
        return dsl::InvalidAt("expected a JSON object", where);
      }
      absl::Status s = fn(v.get_object(), where);
      if (!s.ok()) return s;
    }
  } catch (const simdjson::simdjson_error& e) {
    dsl::internal::RethrowIfOutOfMemory(e);
    return dsl::InvalidAt(std::string("invalid JSON: ") + simdjson::error_message(e.error()),
                          label);
  }
  return absl::OkStatus();
}

}  // namespace linkgraph::modules
