#include "engine/types/ulid.h"

#include <chrono>
#include <random>

namespace linkgraph::types {
namespace {

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int64_t kMaxUlidMs = (int64_t{1} << 48) - 1;

uint64_t SplitMix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

inline uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t EntropySeed() {
  try {
    std::random_device device;
    const uint64_t hi = device();
    return (hi << 32) ^ device();
  } catch (...) {
    // No entropy source: fall back to the clock mixed with an address (ASLR).
    static int anchor;
    return static_cast<uint64_t>(
               std::chrono::high_resolution_clock::now().time_since_epoch().count()) ^
           reinterpret_cast<uintptr_t>(&anchor);
  }
}

}  // namespace

UlidGenerator::UlidGenerator(uint64_t seed) {
  uint64_t x = seed != 0 ? seed : EntropySeed();
  for (uint64_t& word : state_) word = SplitMix64(x);
}

uint64_t UlidGenerator::NextRandom() {  // xoshiro256**
  const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
  const uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = Rotl(state_[3], 45);
  return result;
}

void UlidGenerator::Append(int64_t unix_ms, std::string* out) {
  if (unix_ms < 0) unix_ms = 0;
  if (unix_ms > kMaxUlidMs) unix_ms = kMaxUlidMs;
  if (unix_ms > last_ms_) {
    last_ms_ = unix_ms;
    random_hi_ = NextRandom() & 0xFFFF;
    random_lo_ = NextRandom();
  } else if (++random_lo_ == 0 && (random_hi_ = (random_hi_ + 1) & 0xFFFF) == 0) {
    // 80-bit overflow: move to the next millisecond (saturating at the largest timestamp).
    if (last_ms_ < kMaxUlidMs) ++last_ms_;
  }

  char buffer[26];
  const auto ms = static_cast<uint64_t>(last_ms_);
  for (int i = 0; i < 10; ++i) buffer[i] = kCrockford[(ms >> (45 - 5 * i)) & 31];
  for (int i = 0; i < 16; ++i) {
    const int shift = 75 - 5 * i;  // Bit offset of this char in the 80-bit value.
    uint64_t bits;
    if (shift >= 64) {
      bits = random_hi_ >> (shift - 64);
    } else if (shift <= 59) {
      bits = random_lo_ >> shift;
    } else {  // Straddles the two words.
      bits = (random_hi_ << (64 - shift)) | (random_lo_ >> shift);
    }
    buffer[10 + i] = kCrockford[bits & 31];
  }
  out->append(buffer, sizeof buffer);
}

}  // namespace linkgraph::types
