// Text form of the float (IEEE-754 double) type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace linkgraph::types {

// Appends the shortest text that reads back as exactly `v`: the output of
// std::to_chars(first, last, v) with no format argument (`3`, `0.1`, `1e+21`, `1e-07`),
// except that -0.0 is written as `0`.
// REQUIRES: std::isfinite(v); non-finite values are written as to_chars writes them
// (`inf`, `-inf`, `nan`, `-nan`), which is not valid JSON.
void AppendFloat(double v, std::string* out);

// The reading of a float's text (ReadFloat).
struct FloatReading {
  enum class Result : uint8_t {
    kOk,          // `value` is the nearest double (-0 for `-0`)
    kNotANumber,  // not the syntax below (also NaN and infinity spellings, a leading `+`)
    kTooLarge,    // a magnitude a double would round to infinity
    kTooSmall,    // a nonzero magnitude a double would round to 0
  };
  Result result = Result::kNotANumber;
  double value = 0;
};

// Reads `text` with std::from_chars (general format, no leading `+`): `[-]digits[.digits]
// [(e|E)[+-]digits]`, where `.5` and `5.` are read too. No whitespace. Subnormal values are
// read; values below the smallest subnormal are kTooSmall, not 0 (the stricter reading, the
// same for writes and filters: types/value_convert.h).
FloatReading ReadFloat(std::string_view text);

}  // namespace linkgraph::types
