#include "base/utf8.h"

#include <string>

#include <bit>
#include <cstdint>
#include <cstring>

namespace linkgraph::base {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

inline uint64_t Load8(const unsigned char* p) {
  uint64_t x;
  std::memcpy(&x, p, sizeof x);
  return x;
}

inline bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

bool IsValidUtf8(std::string_view s) { return FirstInvalidUtf8(s) == std::string_view::npos; }

size_t FirstInvalidUtf8(std::string_view s) {
  const auto* begin = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path: 8 bytes at a time.
    while (n - i >= 8 && (Load8(begin + i) & kHighBits) == 0) i += 8;
    if (i == n) break;
    if (begin[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t len = Utf8SequenceLength(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

size_t CountCodePoints(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t count = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const uint64_t x = Load8(p + i);
    // A continuation byte has bit 7 set and bit 6 clear; x << 1 moves bit 6 onto bit 7.
    const uint64_t continuation = x & ~(x << 1) & kHighBits;
    count += 8 - static_cast<size_t>(std::popcount(continuation));
  }
  for (; i < n; ++i) count += IsContinuation(p[i]) ? 0 : 1;
  return count;
}

std::string_view TruncateUtf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  // Back off over (at most 3) continuation bytes so the cut lands on a sequence start.
  for (int k = 0; k < 3 && cut > 0 && IsContinuation(static_cast<unsigned char>(s[cut])); ++k) {
    --cut;
  }
  return s.substr(0, cut);
}

size_t Utf8SequenceLength(std::string_view s, size_t pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  const size_t left = s.size() - pos;
  const unsigned char c = p[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;  // a stray continuation byte or an overlong 2-byte lead (C0, C1)
  if (c < 0xE0) return left >= 2 && IsContinuation(p[1]) ? 2 : 0;
  if (c < 0xF0) {
    if (left < 3) return 0;
    // E0: A0..BF (no overlongs); ED: 80..9F (no surrogates); others: 80..BF.
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    return p[1] >= lo && p[1] <= hi && IsContinuation(p[2]) ? 3 : 0;
  }
  if (c < 0xF5) {
    if (left < 4) return 0;
    // F0: 90..BF (no overlongs); F4: 80..8F (max U+10FFFF); others: 80..BF.
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    return p[1] >= lo && p[1] <= hi && IsContinuation(p[2]) && IsContinuation(p[3]) ? 4 : 0;
  }
  return 0;  // F5..FF never appear in UTF-8.
}

std::string_view TruncateUtf8Front(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t from = s.size() - max_bytes;
  // Move over (at most 3) continuation bytes so the cut lands on a sequence start.
  for (int k = 0; k < 3 && from < s.size() && IsContinuation(static_cast<unsigned char>(s[from]));
       ++k) {
    ++from;
  }
  return s.substr(from);
}

size_t SkipCodePoint(std::string_view s, size_t pos) {
  ++pos;
  while (pos < s.size() && IsContinuation(static_cast<unsigned char>(s[pos]))) ++pos;
  return pos;
}

uint32_t DecodeUtf8(std::string_view s, size_t* pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + *pos;
  const size_t n = Utf8SequenceLength(s, *pos);
  if (n == 0) {
    *pos += 1;
    return 0xFFFD;
  }
  if (n == 1) {
    *pos += 1;
    return p[0];
  }
  const unsigned char c = p[0];
  uint32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (p[k] & 0x3F);
  *pos += n;
  return cp;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  char buffer[4];
  size_t n;
  if (cp < 0x80) {
    buffer[0] = static_cast<char>(cp);
    n = 1;
  } else if (cp < 0x800) {
    buffer[0] = static_cast<char>(0xC0 | (cp >> 6));
    buffer[1] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    buffer[0] = static_cast<char>(0xE0 | (cp >> 12));
    buffer[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buffer[2] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    buffer[0] = static_cast<char>(0xF0 | (cp >> 18));
    buffer[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    buffer[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buffer[3] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 4;
  }
  out->append(buffer, n);
}

}  // namespace linkgraph::base
