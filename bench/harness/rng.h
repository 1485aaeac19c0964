// A small deterministic random source for the benchmark generator: SplitMix64, so every run (and
// every machine) produces the same data set from the same seed.
#pragma once

#include <cstdint>

namespace linkgraph::bench {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n). REQUIRES: n > 0.
  uint64_t Below(uint64_t n) { return static_cast<uint64_t>((__uint128_t{Next()} * n) >> 64); }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

// A stateless hash of `x` (the SplitMix64 finaliser), for per-row decisions that must not depend
// on the order rows are generated in.
inline uint64_t Mix(uint64_t x) { return Rng(x).Next(); }

}  // namespace linkgraph::bench
