// The benchmark's report: a text table (figures, ratios to the peer, identical-output checks and
// the targets) or the same as one JSON document.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "bench/harness/durable.h"
#include "bench/harness/concurrency.h"
#include "bench/harness/dataset.h"
#include "bench/harness/runner.h"

namespace linkgraph::bench {

struct BenchReport {
  Dataset data;
  std::string machine;       // CPU model and core count
  std::string peer_version;  // "SQLite 3.40.1"; empty without a peer
  int64_t baseline_rss = 0;  // VmRSS before any load
  EngineFigures linkgraph;
  std::optional<EngineFigures> peer;
  std::optional<ConcurrencyFigures> concurrency;  // linkgraph's
  std::optional<DurableFigures> durable;          // linkgraph's, and SQLite's latencies
};

void PrintText(const BenchReport& report, std::ostream& os);
void PrintJson(const BenchReport& report, std::ostream& os);

// True when every query ran on both engines and their JSON digests agree (vacuously true
// without a peer).
bool OutputsIdentical(const BenchReport& report);

// "Intel(R) Xeon(R) ... (2 cores)" from /proc/cpuinfo.
std::string MachineDescription();

}  // namespace linkgraph::bench
