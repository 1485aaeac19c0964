#include "engine/types/decimal.h"

#include <algorithm>
#include <charconv>

#include "absl/status/status.h"
#include "base/utf8.h"

namespace linkgraph::types {
namespace {

absl::Status DecimalError(std::string_view prefix, std::string_view text, std::string_view suffix) {
  std::string message(prefix);
  message.append(base::TruncateUtf8(text, 64));
  message.append(suffix);
  return absl::InvalidArgumentError(message);
}

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

constexpr int64_t kExponentCap = 100'000'000'000'000'000;  // 1e17

// A decimal value split into sign, integer digits and fraction digits (views into the text).
struct DecimalParts {
  bool negative = false;
  std::string_view integer;   // Leading zeros stripped; empty means zero.
  std::string_view fraction;  // Possibly empty.
};

DecimalParts SplitNormalized(std::string_view s) {
  DecimalParts parts;
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) parts.negative = s[i++] == '-';
  const size_t point = s.find('.', i);
  parts.integer = s.substr(i, point == std::string_view::npos ? std::string_view::npos : point - i);
  if (point != std::string_view::npos) parts.fraction = s.substr(point + 1);
  while (!parts.integer.empty() && parts.integer.front() == '0') parts.integer.remove_prefix(1);
  return parts;
}

bool IsZero(const DecimalParts& parts) {
  return parts.integer.empty() && parts.fraction.find_first_not_of('0') == std::string_view::npos;
}

// Compares magnitudes |a| and |b|.
int CompareMagnitude(const DecimalParts& a, const DecimalParts& b) {
  if (a.integer.size() != b.integer.size()) return a.integer.size() < b.integer.size() ? -1 : 1;
  if (const int c = a.integer.compare(b.integer); c != 0) return c < 0 ? -1 : 1;
  const size_t n = std::max(a.fraction.size(), b.fraction.size());
  for (size_t i = 0; i < n; ++i) {
    const char da = i < a.fraction.size() ? a.fraction[i] : '0';
    const char db = i < b.fraction.size() ? b.fraction[i] : '0';
    if (da != db) return da < db ? -1 : 1;
  }
  return 0;
}

}  // namespace

absl::StatusOr<std::string> NormalizeDecimal(std::string_view text) {
  const size_t n = text.size();
  size_t i = 0;
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  const size_t int_begin = i;
  while (i < n && IsDigit(text[i])) ++i;
  const std::string_view int_digits = text.substr(int_begin, i - int_begin);
  if (int_digits.empty()) return DecimalError("invalid bigNumber '", text, "'");
  std::string_view frac_digits;
  if (i < n && text[i] == '.') {
    const size_t frac_begin = ++i;
    while (i < n && IsDigit(text[i])) ++i;
    frac_digits = text.substr(frac_begin, i - frac_begin);
    if (frac_digits.empty()) return DecimalError("invalid bigNumber '", text, "'");
  }
  int64_t exponent = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exponent_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) exponent_negative = text[i++] == '-';
    const size_t exp_begin = i;
    for (; i < n && IsDigit(text[i]); ++i) {
      // Saturate far beyond any text length: such exponents fail the digit limits unless the
      // value is zero, and no arithmetic below can overflow.
      if (exponent < kExponentCap) exponent = exponent * 10 + (text[i] - '0');
    }
    if (i == exp_begin) return DecimalError("invalid bigNumber '", text, "'");
    if (exponent_negative) exponent = -exponent;
  }
  if (i != n) return DecimalError("invalid bigNumber '", text, "'");

  // The digit string D = int_digits ++ frac_digits; value = D * 10^-scale.
  const auto d_size = static_cast<int64_t>(int_digits.size() + frac_digits.size());
  const int64_t scale = static_cast<int64_t>(frac_digits.size()) - exponent;
  auto digit_at = [&](int64_t k) -> char {  // k in [0, d_size)
    const auto uk = static_cast<size_t>(k);
    return uk < int_digits.size() ? int_digits[uk] : frac_digits[uk - int_digits.size()];
  };
  int64_t first_nonzero = 0;
  while (first_nonzero < d_size && digit_at(first_nonzero) == '0') ++first_nonzero;
  const bool is_zero = first_nonzero == d_size;
  int64_t significant = d_size - first_nonzero;
  if (!is_zero && scale < 0) significant += -scale;  // Zeros appended by the exponent.
  if (significant > kMaxDecimalSignificantDigits) {
    return DecimalError("bigNumber '", text, "' has more than 38 significant digits");
  }
  if (scale > kMaxDecimalFractionDigits) {
    return DecimalError("bigNumber '", text, "' has more than 18 digits after the point");
  }

  std::string out;
  if (is_zero) {
    out.push_back('0');
    if (scale > 0) {
      out.push_back('.');
      out.append(static_cast<size_t>(scale), '0');
    }
    return out;
  }
  // Here 0 <= significant <= 38 and scale <= 18, so every size below is small.
  const int64_t int_len = d_size - std::max<int64_t>(scale, 0);  // Digits of D before the point.
  out.reserve(static_cast<size_t>(significant + 24));
  if (negative) out.push_back('-');
  if (int_len <= first_nonzero) {
    out.push_back('0');
  } else {
    for (int64_t k = first_nonzero; k < int_len; ++k) out.push_back(digit_at(k));
    if (scale < 0) out.append(static_cast<size_t>(-scale), '0');
  }
  if (scale > 0) {
    out.push_back('.');
    for (int64_t k = int_len; k < 0; ++k) out.push_back('0');  // D shorter than the scale.
    for (int64_t k = std::max<int64_t>(int_len, 0); k < d_size; ++k) out.push_back(digit_at(k));
  }
  return out;
}

int CompareDecimal(std::string_view a, std::string_view b) {
  const DecimalParts pa = SplitNormalized(a);
  const DecimalParts pb = SplitNormalized(b);
  const bool a_zero = IsZero(pa);
  const bool b_zero = IsZero(pb);
  const int sign_a = a_zero ? 0 : (pa.negative ? -1 : 1);
  const int sign_b = b_zero ? 0 : (pb.negative ? -1 : 1);
  if (sign_a != sign_b) return sign_a < sign_b ? -1 : 1;
  if (sign_a == 0) return 0;
  const int c = CompareMagnitude(pa, pb);
  return sign_a < 0 ? -c : c;
}

absl::StatusOr<std::string> DecimalFromInt(int64_t v) {
  char buffer[24];
  const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, r.ptr);
}

}  // namespace linkgraph::types
