#include "base/json_string.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "base/bytes8.h"

namespace linkgraph::base {

namespace {

// Non-zero iff some byte of x is zero (exact as a boolean).
inline uint64_t HasZeroByte(uint64_t x) { return (x - kOnes8) & ~x & kHighBits8; }
// Non-zero iff some byte of x equals c.
inline uint64_t HasByte(uint64_t x, unsigned char c) { return HasZeroByte(x ^ (kOnes8 * c)); }
// Non-zero iff some byte of x is below 0x20 (exact as a boolean).
inline uint64_t HasControl(uint64_t x) { return (x - kOnes8 * 0x20) & ~x & kHighBits8; }

// Non-zero iff some byte of x must be escaped by AppendJsonString.
inline uint64_t NeedsEscape8(uint64_t x) {
  return HasControl(x) | HasByte(x, '"') | HasByte(x, '\\');
}


}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  const char* const data = s.data();
  const size_t n = s.size();
  size_t run = 0;  // Start of the pending run of bytes copied as is.
  auto escape = [&](size_t i) {
    const char e = kJsonEscape[static_cast<unsigned char>(data[i])];
    if (e == 0) return;
    out->append(data + run, i - run);
    run = i + 1;
    if (e == 'u') {
      const auto c = static_cast<unsigned char>(data[i]);
      const char u[6] = {'\\', 'u', '0', '0', kJsonHexDigits[c >> 4], kJsonHexDigits[c & 15]};
      out->append(u, sizeof u);
    } else {
      const char two[2] = {'\\', e};
      out->append(two, sizeof two);
    }
  };
  out->push_back('"');
  size_t i = 0;
  while (i + 8 <= n) {
    if (NeedsEscape8(Load8(data + i)) == 0) {
      i += 8;
      continue;
    }
    for (const size_t end = i + 8; i < end; ++i) escape(i);
  }
  for (; i < n; ++i) escape(i);
  out->append(data + run, n - run);
  out->push_back('"');
}

std::string QuoteJson(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  AppendJsonString(s, &out);
  return out;
}

bool NeedsJsonEscape(std::string_view s) {
  const char* const data = s.data();
  const size_t n = s.size();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    if (NeedsEscape8(Load8(data + i)) != 0) return true;
  }
  for (; i < n; ++i) {
    if (kJsonEscape[static_cast<unsigned char>(data[i])] != 0) return true;
  }
  return false;
}

size_t SkipPlainAscii(std::string_view s, size_t pos) {
  const char* data = s.data();
  const size_t n = s.size();
  while (pos + 8 <= n) {
    const uint64_t x = Load8(data + pos);
    if ((NeedsEscape8(x) | (x & kHighBits8)) != 0) break;
    pos += 8;
  }
  while (pos < n) {
    const auto c = static_cast<unsigned char>(data[pos]);
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
    ++pos;
  }
  return pos;
}

}  // namespace linkgraph::base
