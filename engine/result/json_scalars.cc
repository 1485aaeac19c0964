#include "engine/result/json_scalars.h"

#include <array>
#include <charconv>
#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/bytes8.h"
#include "base/json_string.h"
#include "engine/types/datetime.h"

namespace linkgraph::result {

namespace {

using base::kHighBits8;
using base::kOnes8;
using base::Load8;
using base::Store8;


// Non-zero iff a byte of `x` needs escaping. Borrows only run upwards, so the lowest flagged
// byte is exactly the first such byte (higher flags may be false).
inline uint64_t EscapeBits8(uint64_t x) {
  const uint64_t control = (x - kOnes8 * 0x20) & ~x;
  const uint64_t q = x ^ (kOnes8 * '"');
  const uint64_t b = x ^ (kOnes8 * '\\');
  return (control | ((q - kOnes8) & ~q) | ((b - kOnes8) & ~b)) & kHighBits8;
}

// Blocks of bytes checked and copied at once: 16 with SSE2 (every x86-64), else 8 in a word.
#if defined(__SSE2__)
constexpr size_t kBlock = 16;
struct Block {
  __m128i v;
};
inline Block LoadBlock(const char* p) {
  return {_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))};
}
inline void StoreBlock(char* p, Block b) { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), b.v); }
// One bit per byte needing escapes, byte 0 lowest.
inline uint32_t EscapeMask(Block b) {
  const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(b.v, _mm_set1_epi8(0x1f)), b.v);
  const __m128i quote = _mm_cmpeq_epi8(b.v, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(b.v, _mm_set1_epi8('\\'));
  return static_cast<uint32_t>(
      _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))));
}
inline size_t FirstEscape(uint32_t mask) { return static_cast<size_t>(__builtin_ctz(mask)); }
#else
constexpr size_t kBlock = 8;
struct Block {
  uint64_t v;
};
inline Block LoadBlock(const char* p) { return {Load8(p)}; }
inline void StoreBlock(char* p, Block b) { Store8(p, b.v); }
inline uint64_t EscapeMask(Block b) { return EscapeBits8(b.v); }
inline size_t FirstEscape(uint64_t mask) {
  return static_cast<size_t>(__builtin_ctzll(mask)) / 8;  // little-endian byte order
}
#endif
static_assert(kBlock <= kJsonSlackBytes);

char* WriteEscape(char* p, unsigned char c) {
  const char e = base::kJsonEscape[c];
  *p++ = '\\';
  if (e != 'u') {
    *p++ = e;
    return p;
  }
  std::memcpy(p, "u00", 3);
  p[3] = base::kJsonHexDigits[c >> 4];
  p[4] = base::kJsonHexDigits[c & 15];
  return p + 5;
}

// "00" to "99", two bytes each.
constexpr std::array<char, 200> MakeDigitPairs() {
  std::array<char, 200> pairs{};
  for (int i = 0; i < 100; ++i) {
    pairs[2 * i] = static_cast<char>('0' + i / 10);
    pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return pairs;
}
constexpr std::array<char, 200> kDigitPairs = MakeDigitPairs();

inline char* Write2(char* p, unsigned v) {
  std::memcpy(p, &kDigitPairs[2 * v], 2);
  return p + 2;
}

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;
// 9999-12-31 in days since 0000-03-01.
constexpr int64_t kLastShiftedDay = 2'932'896 + 719'468;

// Any dateTime, years before 0000-03 and after 9999 included (outside the dateTime range; no
// input path accepts them, and the general formatter writes their expanded years).
char* WriteAnyDateTime(char* p, int64_t micros) {
  std::string text;
  types::AppendDateTime(micros, &text);
  *p++ = '"';
  std::memcpy(p, text.data(), text.size());
  p += text.size();
  *p++ = '"';
  return p;
}

}  // namespace

char* WriteJsonString(char* p, std::string_view s) {
  const char* const src = s.data();
  const size_t n = s.size();
  *p++ = '"';
  // Most values need no escape: check and copy them whole, short ones with two overlapping
  // words (the copies agree where they overlap, as the text is copied unchanged).
  if (n < kBlock && n >= 8) {
    const uint64_t a = Load8(src), b = Load8(src + n - 8);
    if (EscapeBits8(a) == 0 && EscapeBits8(b) == 0) {
      Store8(p, a);
      Store8(p + n - 8, b);
      p += n;
      *p++ = '"';
      return p;
    }
  }
  size_t i = 0;
  while (true) {
    // Clean blocks are stored whole; a block with an escape is stored too, and the part from
    // the escape on is overwritten.
    for (; i + kBlock <= n; i += kBlock) {
      const Block block = LoadBlock(src + i);
      StoreBlock(p, block);
      const auto mask = EscapeMask(block);
      if (mask != 0) {
        const size_t k = FirstEscape(mask);
        p += k;
        i += k;
        goto escape;
      }
      p += kBlock;
    }
    for (; i < n; ++i) {
      const auto c = static_cast<unsigned char>(src[i]);
      if (base::kJsonEscape[c] != 0) goto escape;
      *p++ = static_cast<char>(c);
    }
    break;
  escape:
    p = WriteEscape(p, static_cast<unsigned char>(src[i]));
    ++i;
  }
  *p++ = '"';
  return p;
}

char* WriteJsonInt(char* p, int64_t v) { return std::to_chars(p, p + 20, v).ptr; }

char* WriteJsonFloat(char* p, double v) {
  if (v == 0) {  // Also -0.0.
    *p = '0';
    return p + 1;
  }
  return std::to_chars(p, p + 24, v).ptr;
}

char* WriteJsonDateTime(char* p, int64_t micros) {
  // Floor division, so times before 1970 get a non-negative time of day.
  int64_t days = micros / kMicrosPerDay;
  int64_t micros_of_day = micros % kMicrosPerDay;
  if (micros_of_day < 0) {
    micros_of_day += kMicrosPerDay;
    --days;
  }
  // Days since 0000-03-01: 400-year cycles counted from a March, so a leap day ends a year
  // (Hinnant's civil_from_days, in unsigned 32-bit arithmetic, whose divisions by constants
  // compile to multiplications: the general 64-bit version took a fifth of the writer's time).
  const int64_t shifted = days + 719468;
  if (shifted < 0 || shifted > kLastShiftedDay) return WriteAnyDateTime(p, micros);
  const auto z = static_cast<uint32_t>(shifted);
  const uint32_t era = z / 146097;
  const uint32_t doe = z - era * 146097;                                       // [0, 146096]
  const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const uint32_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const uint32_t day = doy - (153 * mp + 2) / 5 + 1;
  const uint32_t month = mp < 10 ? mp + 3 : mp - 9;
  const uint32_t year = era * 400 + yoe + (month <= 2 ? 1 : 0);  // [0, 9999]
  const auto seconds_of_day = static_cast<unsigned>(micros_of_day / kMicrosPerSecond);
  const auto sub_second = static_cast<unsigned>(micros_of_day % kMicrosPerSecond);
  *p++ = '"';
  p = Write2(p, year / 100);
  p = Write2(p, year % 100);
  *p++ = '-';
  p = Write2(p, month);
  *p++ = '-';
  p = Write2(p, day);
  *p++ = 'T';
  p = Write2(p, seconds_of_day / 3600);
  *p++ = ':';
  p = Write2(p, seconds_of_day / 60 % 60);
  *p++ = ':';
  p = Write2(p, seconds_of_day % 60);
  *p++ = '.';
  if (sub_second % 1000 == 0) {
    const unsigned ms = sub_second / 1000;
    *p++ = static_cast<char>('0' + ms / 100);
    p = Write2(p, ms % 100);
  } else {
    p = Write2(p, sub_second / 10000);
    p = Write2(p, sub_second / 100 % 100);
    p = Write2(p, sub_second % 100);
  }
  *p++ = 'Z';
  *p++ = '"';
  return p;
}

}  // namespace linkgraph::result
