// The durable-database figure (issue #21): the benchmark data set in a database directory on this
// machine's disk — its load, the open that replays the load's log, a checkpoint, the open from
// it, the bytes on disk, a migration (issue #22) and the open replaying it — and one-row commit
// latency per sync mode, beside SQLite in WAL mode
// with synchronous=FULL and NORMAL (a file database on the same disk).
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "bench/harness/dataset.h"

namespace linkgraph::bench {

struct DurableFigures {
  absl::Status status;
  bool measured = false;
  double load_seconds = 0;          // the data set, one commit per file, per-commit sync
  double open_replay_seconds = 0;   // Open replaying the load's log
  double checkpoint_seconds = 0;
  double open_seconds = 0;          // Open from the checkpoint
  int64_t disk_bytes = 0;           // the directory after the checkpoint
  double migrate_seconds = 0;       // Migrate: review gains a defaulted property (rows filled)
  int64_t migrated_rows = 0;        // the review rows it filled
  double open_migrated_seconds = 0;  // Open from the checkpoint, replaying the migration
  int commits = 0;                  // one-row commits timed per mode
  double commit_per_commit = 0, commit_group = 0, commit_none = 0;  // median seconds
  bool sqlite = false;
  double sqlite_full = 0, sqlite_normal = 0;  // median seconds per autocommitted INSERT
};

// Works in `dir` (a directory it creates and removes).
DurableFigures MeasureDurable(const Dataset& data, const std::string& dir);

}  // namespace linkgraph::bench
