// JSON text: string escaping for output and canonicalization of stored JSON values.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace linkgraph::types {

// Appends `s` as a JSON string literal, quotes included. Bytes are copied raw (UTF-8 is not
// escaped or checked) except: `"` -> `\"`, `\` -> `\\`, U+0008 `\b`, U+0009 `\t`, U+000A `\n`,
// U+000C `\f`, U+000D `\r`, and other bytes below 0x20 -> `\u00xx` (lower-case hex).
// `/` and U+007F are not escaped.
// REQUIRES: IsValidUtf8(s) if the output must be valid JSON.
void AppendJsonString(std::string_view s, std::string* out);

// Returns true iff AppendJsonString would escape at least one byte of `s`.
bool NeedsJsonEscape(std::string_view s);

// Validates `raw` as one RFC 8259 JSON value (surrounded by optional whitespace: space, tab,
// LF, CR; no byte-order mark) and returns its canonical compact text:
// - insignificant whitespace removed; object members and array elements keep their order;
// - numbers copied exactly as written (`1.50`, `1e3`, `-0` unchanged);
// - strings decoded and re-encoded with AppendJsonString (`"\u00e9"` -> `"é"`, `"\/"` -> `"/"`,
//   `"\u0001"` stays `"\u0001"`, `"\u000A"` -> `"\n"`).
// Containers may nest at most 512 deep (512 nested arrays are fine, 513 are not).
// Errors (all InvalidArgument):
//   `invalid json: <what> at byte <offset>` for syntax errors, control characters or invalid
//       UTF-8 inside strings, and unpaired or invalid surrogate escapes;
//   `duplicate key '<k>' in json` (decoded key, cut to 64 bytes) when an object repeats a key
//       (compared after decoding escapes);
//   `json nested too deeply` beyond 512 levels.
absl::StatusOr<std::string> CanonicalJson(std::string_view raw);

}  // namespace linkgraph::types
