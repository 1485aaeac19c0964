// Timing samples, their summary, and the process's resident memory.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

namespace linkgraph::bench {

using Clock = std::chrono::steady_clock;

inline double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Median, minimum and 95th percentile of a set of timings, in seconds.
struct Summary {
  double median = 0;
  double min = 0;
  double p95 = 0;
  int samples = 0;
};

// REQUIRES: `seconds` is not empty. Nearest-rank percentiles.
Summary Summarize(std::vector<double> seconds);

// VmRSS of this process from /proc/self/status, in bytes (0 when unreadable).
int64_t ResidentBytes();

// Returns freed heap pages to the system (malloc_trim), so that RSS shows what is held.
void TrimHeap();

}  // namespace linkgraph::bench
