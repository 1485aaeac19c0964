// The bigNumber type: an exact decimal kept as normalized text.
//
// Normalized form: `-?(0|[1-9][0-9]*)(\.[0-9]+)?` with at most 38 significant digits (digits
// from the first non-zero digit on, trailing zeros included) and at most 18 digits after the
// point; zero is never negative. Trailing zeros after the point are the digits the user gave
// and are kept, so `19.990` and `19.99` are different texts with equal values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace linkgraph::types {

inline constexpr int kMaxDecimalSignificantDigits = 38;
inline constexpr int kMaxDecimalFractionDigits = 18;

// Parses `[+-]digits[.digits][(e|E)[+-]digits]` and returns its normalized form. A point needs
// digits on both sides (`.5` and `5.` are refused). The leading `+` and leading zeros of the
// integer part are dropped (`0019.990` -> `19.990`, `00.5` -> `0.5`), trailing zeros after the
// point are kept, a negative zero loses its sign (`-0.00` -> `0.00`), and an exponent moves the
// point without adding or dropping given digits (`1e3` -> `1000`, `1.5e-2` -> `0.015`,
// `1.20e1` -> `12.0`, `0e5` -> `0`). No whitespace is allowed.
// Returns InvalidArgument (text cut to 64 bytes in the messages):
//   `invalid bigNumber '<text>'` for a syntax error,
//   `bigNumber '<text>' has more than 38 significant digits`,
//   `bigNumber '<text>' has more than 18 digits after the point` (checked in this order).
absl::StatusOr<std::string> NormalizeDecimal(std::string_view text);

// Compares the values of two decimals: returns <0, 0 or >0 as a < b, a == b, a > b
// (`19.99` == `19.990`, `-1` < `0.5`). Does not allocate.
// REQUIRES: a and b are normalized (outputs of NormalizeDecimal). Leading zeros, a leading `+`
// and `-0` are tolerated; exponents are not.
int CompareDecimal(std::string_view a, std::string_view b);

// Returns `v` in normalized form (`-42`). Always OK; the StatusOr matches NormalizeDecimal.
absl::StatusOr<std::string> DecimalFromInt(int64_t v);

}  // namespace linkgraph::types
