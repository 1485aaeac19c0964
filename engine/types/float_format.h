// Text form of the float (IEEE-754 double) type.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace linkgraph::types {

// Appends the shortest text that reads back as exactly `v`: the output of
// std::to_chars(first, last, v) with no format argument (`3`, `0.1`, `1e+21`, `1e-07`),
// except that -0.0 is written as `0`.
// REQUIRES: std::isfinite(v); non-finite values are written as to_chars writes them
// (`inf`, `-inf`, `nan`, `-nan`), which is not valid JSON.
void AppendFloat(double v, std::string* out);

// Parses `text` with std::from_chars (general format) and returns the nearest double.
// Accepts one optional leading `+` before a digit or `.`; `.5` and `5.` are accepted (as
// from_chars does). Values too small for a double round to (signed) zero.
// Returns InvalidArgument `invalid float '<text>'` (text cut to 64 bytes) for empty input,
// whitespace, NaN or infinity spellings, trailing garbage, and magnitudes too large for a
// double (which would be infinite).
absl::StatusOr<double> ParseFloatText(std::string_view text);

}  // namespace linkgraph::types
