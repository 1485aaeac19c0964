// JSON text: canonicalization of stored JSON values (string escaping is base/json_string.h).
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace linkgraph::types {

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
