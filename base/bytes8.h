// Eight bytes at a time in a 64-bit word (SWAR): the scans of JSON text that look for bytes
// needing escapes or ending a plain run.
#pragma once

#include <cstdint>
#include <cstring>

namespace linkgraph::base {

inline constexpr uint64_t kOnes8 = 0x0101010101010101ULL;     // 0x01 in every byte
inline constexpr uint64_t kHighBits8 = 0x8080808080808080ULL;  // the top bit of every byte

// The eight bytes at `p` (any alignment), in memory order from the low byte up.
inline uint64_t Load8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, sizeof x);
  return x;
}
inline void Store8(char* p, uint64_t x) { std::memcpy(p, &x, sizeof x); }

}  // namespace linkgraph::base
