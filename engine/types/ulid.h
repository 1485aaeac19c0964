// ULID generation (https://github.com/ulid/spec), monotonic within a generator.
#pragma once

#include <cstdint>
#include <string>

namespace linkgraph::types {

// Generates 26-character ULIDs: Crockford base32 (`0123456789ABCDEFGHJKMNPQRSTVWXYZ`) of a
// 48-bit millisecond timestamp (10 chars) followed by 80 random bits (16 chars).
// Not thread-safe: use one generator per thread or guard it.
class UlidGenerator {
 public:
  // Seeds the internal xoshiro256** PRNG (via splitmix64) from `seed`; the same non-zero seed
  // and the same sequence of Append timestamps give the same ids. Seed 0 means seed from
  // std::random_device (falling back to the clock if that is unavailable).
  explicit UlidGenerator(uint64_t seed);

  // Appends one ULID for `unix_ms` (milliseconds since the epoch, clamped to [0, 2^48 - 1]).
  // Ids from one generator are strictly increasing as strings: when `unix_ms` equals the last
  // timestamp used, or is earlier (the clock went backwards), the last timestamp is reused and
  // the random part is the previous one plus 1. If the random part would overflow 80 bits, the
  // timestamp part is advanced by 1 ms instead (the random part restarts at 0).
  void Append(int64_t unix_ms, std::string* out);

 private:
  uint64_t NextRandom();

  uint64_t state_[4];
  int64_t last_ms_ = -1;
  uint64_t random_hi_ = 0;  // High 16 of the 80 random bits.
  uint64_t random_lo_ = 0;  // Low 64 of the 80 random bits.
};

}  // namespace linkgraph::types
