#include "engine/types/integer_text.h"

#include <algorithm>
#include <limits>

namespace linkgraph::types {
namespace {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Exponents stop growing past this (1e17): far beyond any text length, and neither the exponent
// (at most 1e18 + 9) nor the arithmetic below overflows.
constexpr int64_t kExponentCap = 100'000'000'000'000'000;
// 10^19 > 2^64 > INT64_MAX + 1: an integer part of more than 19 digits is out of range.
constexpr int64_t kMaxIntegerDigits = 19;

}  // namespace

std::optional<IntegerReading> ReadInteger(std::string_view text) {
  const size_t n = text.size();
  size_t i = 0;
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  const size_t int_begin = i;
  while (i < n && IsDigit(text[i])) ++i;
  std::string_view int_digits = text.substr(int_begin, i - int_begin);
  std::string_view frac_digits;
  if (i < n && text[i] == '.') {
    const size_t frac_begin = ++i;
    while (i < n && IsDigit(text[i])) ++i;
    frac_digits = text.substr(frac_begin, i - frac_begin);
  }
  if (int_digits.empty() && frac_digits.empty()) return std::nullopt;
  int64_t exponent = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) exponent_negative = text[i++] == '-';
    const size_t exp_begin = i;
    for (; i < n && IsDigit(text[i]); ++i) {
      if (exponent < kExponentCap) exponent = exponent * 10 + (text[i] - '0');
    }
    if (i == exp_begin) return std::nullopt;
    if (exponent_negative) exponent = -exponent;
  }
  if (i != n) return std::nullopt;

  // The digits D = int_digits ++ frac_digits without leading zeros; value = ±D * 10^scale.
  const int64_t scale = exponent - static_cast<int64_t>(frac_digits.size());
  while (!int_digits.empty() && int_digits.front() == '0') int_digits.remove_prefix(1);
  if (int_digits.empty()) {
    while (!frac_digits.empty() && frac_digits.front() == '0') frac_digits.remove_prefix(1);
  }
  const auto d_size = static_cast<int64_t>(int_digits.size() + frac_digits.size());
  auto digit_at = [&](int64_t k) -> char {  // k in [0, d_size)
    const auto uk = static_cast<size_t>(k);
    return uk < int_digits.size() ? int_digits[uk] : frac_digits[uk - int_digits.size()];
  };
  IntegerReading out;
  if (d_size == 0) return out;  // zero, whatever its sign and exponent
  // D has no leading zero here; int_len of its digits lie before the point (it may be negative
  // or beyond D's length).
  const int64_t int_len = d_size + scale;
  if (int_len > kMaxIntegerDigits) {
    out.range = negative ? IntegerReading::Range::kBelow : IntegerReading::Range::kAbove;
    // Integral unless digits of D fall after the point.
    for (int64_t k = std::max<int64_t>(int_len, 0); k < d_size && out.integral; ++k) {
      out.integral = digit_at(k) == '0';
    }
    return out;
  }
  uint64_t magnitude = 0;  // floor(|value|) < 10^19 < 2^64
  for (int64_t k = 0; k < int_len; ++k) {
    magnitude = magnitude * 10 + static_cast<uint64_t>(k < d_size ? digit_at(k) - '0' : 0);
  }
  for (int64_t k = std::max<int64_t>(int_len, 0); k < d_size && out.integral; ++k) {
    out.integral = digit_at(k) == '0';
  }
  constexpr uint64_t kMax = std::numeric_limits<int64_t>::max();
  if (!negative) {
    if (magnitude > kMax) {
      out.range = IntegerReading::Range::kAbove;
      return out;
    }
    out.floor = static_cast<int64_t>(magnitude);
    return out;
  }
  // -(magnitude + fraction): the floor is -(magnitude + 1) when there is a fraction.
  const uint64_t down = magnitude + (out.integral ? 0 : 1);
  if (down > kMax + 1) {
    out.range = IntegerReading::Range::kBelow;
    return out;
  }
  out.floor = down == kMax + 1 ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(down);
  return out;
}

}  // namespace linkgraph::types
