// Small readers over JSON text for the shell: where a value ends (statement splitting), the
// entries of an object (table cells, requests), and string decoding (quoting is
// base/json_string.h). They check only what the shell needs; the library validates every JSON
// document it is given.
//
// Example:
//   auto entries = ObjectEntries(R"({"id":"p1","tags":["a"]})");
//   // (*entries)[1].key == "tags", KindOf((*entries)[1].value) == JsonKind::kArray
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linkgraph::shell {

enum class JsonKind { kNull, kBool, kNumber, kString, kArray, kObject, kInvalid };

// The kind of the JSON value `value` (leading whitespace skipped), by its first character.
JsonKind KindOf(std::string_view value);

// The offset just past the JSON value starting at `text[pos]`: strings, objects and arrays to
// their closing character (strings inside honoured), scalars to the next delimiter. npos when a
// string, object or array is not closed.
size_t SkipJsonValue(std::string_view text, size_t pos);

struct JsonEntry {
  std::string key;         // decoded
  std::string_view value;  // the value's text, a view into the object
};

// The entries of the JSON object `object`, in order; nullopt when it is not a well-formed
// object (as far as these readers check).
std::optional<std::vector<JsonEntry>> ObjectEntries(std::string_view object);

// The items of the JSON array `array`, in order; nullopt when it is not an array.
std::optional<std::vector<std::string_view>> ArrayItems(std::string_view array);

// The text of the JSON string token `token` (escapes decoded); nullopt when malformed.
std::optional<std::string> DecodeJsonString(std::string_view token);

}  // namespace linkgraph::shell
