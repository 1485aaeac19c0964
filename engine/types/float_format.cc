#include "engine/types/float_format.h"

#include <charconv>
#include <cstdint>
#include <system_error>

namespace linkgraph::types {
namespace {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// For `text` that from_chars fully consumed but reported out of range: returns true if the
// magnitude is too small (underflow) rather than too large. `text` has no sign.
bool IsUnderflow(std::string_view text) {
  size_t i = 0;
  int64_t exponent = 0;  // Decimal exponent of the first significant digit, plus one.
  bool seen_nonzero = false;
  for (; i < text.size() && IsDigit(text[i]); ++i) {
    if (text[i] != '0') seen_nonzero = true;
    if (seen_nonzero) ++exponent;
  }
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && IsDigit(text[i]); ++i) {
      if (text[i] != '0') seen_nonzero = true;
      if (!seen_nonzero) --exponent;
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    int64_t e = 0;
    for (; i < text.size() && IsDigit(text[i]); ++i) {
      if (e < 100'000'000'000'000'000) e = e * 10 + (text[i] - '0');  // Saturate.
    }
    exponent += negative ? -e : e;
  }
  return exponent <= 0;
}

}  // namespace

void AppendFloat(double v, std::string* out) {
  if (v == 0) {  // Also -0.0.
    out->push_back('0');
    return;
  }
  char buffer[32];  // The longest shortest-form double is 24 chars.
  const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, v);
  out->append(buffer, r.ptr);
}

FloatReading ReadFloat(std::string_view text) {
  using Result = FloatReading::Result;
  const char* const last = text.data() + text.size();
  const bool negative = !text.empty() && text[0] == '-';
  // Requiring a digit or '.' after an optional '-' refuses "inf", "nan", "+1", "--1", " 1", "".
  const char* const body = text.data() + (negative ? 1 : 0);
  if (body == last || !(IsDigit(*body) || *body == '.')) return {Result::kNotANumber, 0};
  double value = 0;
  const std::from_chars_result r = std::from_chars(text.data(), last, value);
  if (r.ptr != last) return {Result::kNotANumber, 0};
  if (r.ec == std::errc::result_out_of_range) {
    const bool small = IsUnderflow(std::string_view(body, static_cast<size_t>(last - body)));
    return {small ? Result::kTooSmall : Result::kTooLarge, 0};
  }
  if (r.ec != std::errc()) return {Result::kNotANumber, 0};
  return {Result::kOk, value};
}

}  // namespace linkgraph::types
