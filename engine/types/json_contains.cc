#include "engine/types/json_contains.h"

#include <cstdint>

namespace linkgraph::types {

namespace {

// A JSON number split into its parts: value = ±0.D × 10^point, where D are the significant
// digits of int_part ++ frac_part from index `first` to `last` (inclusive).
struct Number {
  bool negative = false;
  std::string_view int_part, frac_part;
  int64_t point = 0;
  size_t first = 0, last = 0;
  bool zero = true;

  size_t size() const { return int_part.size() + frac_part.size(); }
  char Digit(size_t i) const {
    return i < int_part.size() ? int_part[i] : frac_part[i - int_part.size()];
  }
};

Number ParseNumber(std::string_view s) {
  Number n;
  size_t i = 0;
  if (i < s.size() && s[i] == '-') {
    n.negative = true;
    ++i;
  }
  size_t start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  n.int_part = s.substr(start, i - start);
  if (i < s.size() && s[i] == '.') {
    start = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    n.frac_part = s.substr(start, i - start);
  }
  int64_t exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (exp < (int64_t{1} << 40)) exp = exp * 10 + (s[i] - '0');  // saturates, stays exact
    }
    if (neg) exp = -exp;
  }
  size_t total = n.size();
  while (n.first < total && n.Digit(n.first) == '0') ++n.first;
  if (n.first == total) return n;  // zero, whatever its sign
  n.zero = false;
  n.last = total - 1;
  while (n.Digit(n.last) == '0') --n.last;
  n.point = static_cast<int64_t>(n.int_part.size()) + exp - static_cast<int64_t>(n.first);
  return n;
}

enum class Type : uint8_t { kObject, kArray, kString, kNumber, kLiteral };

Type TypeAt(std::string_view s, size_t pos) {
  switch (s[pos]) {
    case '{':
      return Type::kObject;
    case '[':
      return Type::kArray;
    case '"':
      return Type::kString;
    case 't':
    case 'f':
    case 'n':
      return Type::kLiteral;
    default:
      return Type::kNumber;
  }
}

// The end of the string starting at s[pos] (its opening quote).
size_t SkipString(std::string_view s, size_t pos) {
  ++pos;
  while (pos < s.size() && s[pos] != '"') pos += s[pos] == '\\' ? 2 : 1;
  return pos + 1;
}

// The end of the value starting at s[pos]. Canonical text has no whitespace.
size_t SkipValue(std::string_view s, size_t pos) {
  switch (TypeAt(s, pos)) {
    case Type::kString:
      return SkipString(s, pos);
    case Type::kObject:
    case Type::kArray: {
      int depth = 0;
      while (pos < s.size()) {
        char c = s[pos];
        if (c == '"') {
          pos = SkipString(s, pos);
          continue;
        }
        if (c == '{' || c == '[') ++depth;
        if (c == '}' || c == ']') {
          if (--depth == 0) return pos + 1;
        }
        ++pos;
      }
      return pos;
    }
    case Type::kNumber:
    case Type::kLiteral:
      break;
  }
  while (pos < s.size() && s[pos] != ',' && s[pos] != ']' && s[pos] != '}') ++pos;
  return pos;
}

// Calls fn(element) for each element of the array `s` until fn returns true; returns whether
// it did.
template <typename Fn>
bool AnyElement(std::string_view s, Fn fn) {
  size_t pos = 1;
  if (s.size() < 2 || s[pos] == ']') return false;
  while (pos < s.size()) {
    size_t end = SkipValue(s, pos);
    if (fn(s.substr(pos, end - pos))) return true;
    pos = end + 1;  // past ',' or the closing ']'
  }
  return false;
}

// Calls fn(key, value) for each member of the object `s` (keys with their quotes) until fn
// returns false; returns false when it did.
template <typename Fn>
bool AllMembers(std::string_view s, Fn fn) {
  size_t pos = 1;
  if (s.size() < 2 || s[pos] == '}') return true;
  while (pos < s.size()) {
    size_t colon = SkipString(s, pos);
    size_t end = SkipValue(s, colon + 1);
    if (!fn(s.substr(pos, colon - pos), s.substr(colon + 1, end - colon - 1))) return false;
    pos = end + 1;
  }
  return true;
}

bool ScalarEqual(std::string_view a, std::string_view b) {
  Type ta = TypeAt(a, 0), tb = TypeAt(b, 0);
  if (ta != tb) return false;
  if (ta == Type::kNumber) return JsonNumberEqual(a, b);
  return a == b;  // canonical strings: equal text iff equal bytes
}

bool Contains(std::string_view doc, std::string_view needle, bool top) {
  Type td = TypeAt(doc, 0), tn = TypeAt(needle, 0);
  switch (tn) {
    case Type::kObject:
      if (td != Type::kObject) return false;
      return AllMembers(needle, [&](std::string_view key, std::string_view want) {
        bool found = false;
        AllMembers(doc, [&](std::string_view k, std::string_view have) {
          if (k != key) return true;
          found = Contains(have, want, false);
          return false;  // keys are unique
        });
        return found;
      });
    case Type::kArray:
      if (td != Type::kArray) return false;
      return !AnyElement(needle, [&](std::string_view want) {
        return !AnyElement(doc, [&](std::string_view have) { return Contains(have, want, false); });
      });
    case Type::kString:
    case Type::kNumber:
    case Type::kLiteral:
      if (td == Type::kArray && top) {
        return AnyElement(doc, [&](std::string_view have) { return ScalarEqual(have, needle); });
      }
      return ScalarEqual(doc, needle);
  }
  return false;
}

}  // namespace

bool JsonNumberEqual(std::string_view a, std::string_view b) {
  Number x = ParseNumber(a), y = ParseNumber(b);
  if (x.zero || y.zero) return x.zero && y.zero;
  if (x.negative != y.negative || x.point != y.point) return false;
  if (x.last - x.first != y.last - y.first) return false;
  for (size_t i = 0; i <= x.last - x.first; ++i) {
    if (x.Digit(x.first + i) != y.Digit(y.first + i)) return false;
  }
  return true;
}

bool JsonContains(std::string_view doc, std::string_view needle) {
  if (doc.empty() || needle.empty()) return false;
  return Contains(doc, needle, true);
}

}  // namespace linkgraph::types
