// The write figure (issue #17): what a host application's writes cost, beside the peer's.
//   - one-row creates, each its own commit (SQLite: an autocommitted INSERT): commits per second;
//   - a batch of 1,000 creates in one commit (SQLite: 1,000 INSERTs in one transaction): the
//     median time of kBatches batches.
// The same new reviews for every engine; measured after the engine's query figures.
#pragma once

#include <cstdint>

#include "absl/status/status.h"
#include "bench/harness/dataset.h"
#include "bench/harness/engine.h"

namespace linkgraph::bench {

struct WriteFigures {
  absl::Status status;
  bool measured = false;
  int64_t single_commits = 0;          // one-row commits timed
  double single_per_second = 0;        // one-row commits per second
  int64_t batch_rows = 0;              // rows per batch
  double batch_median = 0;             // seconds per batch
};

WriteFigures MeasureWrites(Engine& engine, const Dataset& data);

}  // namespace linkgraph::bench
