// Exact readings of decimal number text against the int64 range (number columns, epoch
// milliseconds): the digits decide, never a conversion through double, so `4.0000000000000001`
// is not an integer and `9223372036854775806.5` lies below INT64_MAX.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace linkgraph::types {

// Where a decimal value lies relative to the int64 range.
struct IntegerReading {
  enum class Range : uint8_t {
    kBelow,  // value < INT64_MIN
    kIn,     // INT64_MIN <= value < INT64_MAX + 1: `floor` holds floor(value)
    kAbove,  // value >= INT64_MAX + 1
  };
  Range range = Range::kIn;
  int64_t floor = 0;
  bool integral = true;  // the value is a whole number (in any range)

  // An int64 exactly equal to the value.
  bool exact() const { return range == Range::kIn && integral; }
};

// Reads `[+-]digits[.digits][(e|E)[+-]digits]` (a JSON number, optionally with a leading `+`;
// `.5` and `5.` are also read) exactly. Any length and any exponent are accepted (`1e999999`
// is kAbove, `1e-999999` is 0.000…1). Returns nullopt for anything else (empty text, spaces,
// `inf`, `nan`, hex, trailing characters). O(text length), no allocation.
std::optional<IntegerReading> ReadInteger(std::string_view text);

}  // namespace linkgraph::types
