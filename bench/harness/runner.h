// Drives an engine through the load and the queries, collecting the figures of issue 11.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "bench/harness/engine.h"
#include "bench/harness/writes.h"
#include "bench/harness/measure.h"

namespace linkgraph::bench {

struct QueryFigures {
  std::string query;       // "Q1"
  absl::Status status;     // not OK when the engine could not answer
  Summary columnar;        // to the columnar result
  Summary to_json;         // to the result and its JSON text
  // The JSON text alone, written again on two threads by the engine's writer (issue 17; the
  // public Result writes on one). Its text is checked against the serial one.
  Summary json_two_threads;
  double rows = 0;         // root rows, mean per run
  double nested_rows = 0;  // rows below the roots, mean per run
  double json_bytes = 0;   // mean per run
  uint64_t digest = 0;     // of every timed run's JSON, in order
};

struct LoadFigures {
  absl::Status status;
  double seconds = 0;
  int64_t rss_bytes = 0;        // VmRSS growth over the load (file buffers freed)
  int64_t accounted_bytes = 0;  // Engine::AccountedBytes
};

struct EngineFigures {
  std::string engine;
  LoadFigures load;
  std::vector<QueryFigures> queries;
  WriteFigures writes;  // measured = false when not asked for
};

struct RunOptions {
  int repeats = 0;  // timed runs per query; 0 = each query's default
  bool verbose = false;
};

// Loads `data` into `engine`, measuring time and memory.
LoadFigures MeasureLoad(Engine& engine, const Dataset& data);

// Runs `query` on `engine`: warm-up runs (a tenth of the timed runs, at least one), then the
// timed runs, each timed to the columnar result and to its JSON.
QueryFigures MeasureQuery(Engine& engine, const Dataset& data, const QueryInfo& query,
                          const RunOptions& options);

// The JSON of run `iteration` of `query` (to look at a digest mismatch).
absl::StatusOr<std::string> QueryJson(Engine& engine, const Dataset& data, QueryId query,
                                      int iteration);

}  // namespace linkgraph::bench
