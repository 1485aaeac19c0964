// CRC-32C: a slicing-by-8 table implementation and an SSE4.2 one, chosen once at run time.
#include "base/crc32c.h"

#include <array>
#include <cstddef>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace linkgraph::base {
namespace {

constexpr uint32_t kPolynomial = 0x82F63B78u;  // 0x1EDC6F41 bit-reversed

using Tables = std::array<std::array<uint32_t, 256>, 8>;

// tables[0] is the classic byte-at-a-time table; tables[k][b] is the CRC of byte b followed by
// k zero bytes, so eight table lookups advance the CRC over eight bytes at once.
constexpr Tables MakeTables() {
  Tables t{};
  for (uint32_t b = 0; b < 256; ++b) {
    uint32_t crc = b;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ ((crc & 1) ? kPolynomial : 0);
    t[0][b] = crc;
  }
  for (size_t k = 1; k < 8; ++k) {
    for (size_t b = 0; b < 256; ++b) t[k][b] = (t[k - 1][b] >> 8) ^ t[0][t[k - 1][b] & 0xff];
  }
  return t;
}

constexpr Tables kTables = MakeTables();

// Little-endian load whatever the host's byte order (compiles to one load on x86-64).
inline uint32_t LoadLe32(const unsigned char* p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}

uint32_t (*ChooseImplementation())(uint32_t, std::string_view) {
  return internal::Crc32cHasHardware() ? internal::Crc32cHardware : internal::Crc32cSoftware;
}

}  // namespace

namespace internal {

uint32_t Crc32cSoftware(uint32_t crc, std::string_view data) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size();
  uint32_t c = ~crc;
  while (n >= 8) {
    const uint32_t one = LoadLe32(p) ^ c;
    const uint32_t two = LoadLe32(p + 4);
    c = kTables[7][one & 0xff] ^ kTables[6][(one >> 8) & 0xff] ^ kTables[5][(one >> 16) & 0xff] ^
        kTables[4][one >> 24] ^ kTables[3][two & 0xff] ^ kTables[2][(two >> 8) & 0xff] ^
        kTables[1][(two >> 16) & 0xff] ^ kTables[0][two >> 24];
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    c = (c >> 8) ^ kTables[0][(c ^ *p) & 0xff];
    ++p;
    --n;
  }
  return ~c;
}

#if defined(__x86_64__)

__attribute__((target("sse4.2"))) uint32_t Crc32cHardware(uint32_t crc, std::string_view data) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size();
  uint64_t c = ~crc;
  // Bytes one at a time up to an 8-byte boundary, so the wide loads below are aligned.
  while (n > 0 && (reinterpret_cast<uintptr_t>(p) & 7) != 0) {
    c = _mm_crc32_u8(static_cast<uint32_t>(c), *p);
    ++p;
    --n;
  }
  while (n >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    c = _mm_crc32_u64(c, word);
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    c = _mm_crc32_u8(static_cast<uint32_t>(c), *p);
    ++p;
    --n;
  }
  return ~static_cast<uint32_t>(c);
}

bool Crc32cHasHardware() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("sse4.2");
}

#else  // no x86-64: the table implementation only

uint32_t Crc32cHardware(uint32_t crc, std::string_view data) { return Crc32cSoftware(crc, data); }
bool Crc32cHasHardware() { return false; }

#endif

}  // namespace internal

uint32_t Crc32cExtend(uint32_t crc, std::string_view data) {
  // Chosen on first use (a function-local static: thread-safe initialization).
  static uint32_t (*const implementation)(uint32_t, std::string_view) = ChooseImplementation();
  return implementation(crc, data);
}

}  // namespace linkgraph::base
