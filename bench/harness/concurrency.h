// The concurrency figure (issue #16): what readers and writers cost each other on one database.
//   - point-query throughput (Q1p on one thread) alone, and while another thread loads reviews
//     (10,000-row JSON Lines loads, one after another);
//   - the latency of a one-row commit alone, and while another thread runs point queries.
// Run on linkgraph after its query figures (the loads add rows).
#pragma once

#include <cstdint>

#include "absl/status/status.h"
#include "bench/harness/dataset.h"
#include "bench/harness/engine_linkgraph.h"

namespace linkgraph::bench {

struct ConcurrencyFigures {
  absl::Status status;
  bool measured = false;
  double point_qps_alone = 0;
  double point_qps_loading = 0;
  int64_t loads_committed = 0;      // during the loading measurement
  double rows_loaded_per_second = 0;  // by the loading thread meanwhile
  double commit_median_alone = 0;   // seconds
  double commit_median_reading = 0;
};

ConcurrencyFigures MeasureConcurrency(LinkgraphEngine& engine, const Dataset& data);

}  // namespace linkgraph::bench
