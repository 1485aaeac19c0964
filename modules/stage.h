// Phase 1 of a commit (DESIGN.md §5): the batch's JSON parsed and type-checked against one
// catalog version, before the commit lock is taken, into StagedRows that phase 2 (commit.cc)
// applies under the lock. Creates and updates are staged; deletes, restores and link operations
// name rows of the committed state and are read in phase 2 (their input is ids and filters).
//
// Errors keep their batch order: staging stops at the first error and records it; phase 2
// applies what was staged before it (whose own errors, such as a duplicate key, come first) and
// then fails with it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "modules/catalog_version.h"
#include "modules/row_place.h"
#include "modules/staged_rows.h"

namespace linkgraph::modules {

struct WriteOp;

// Progress of a commit: the bytes of the ops before the current one, and the total.
struct Progress {
  const std::function<void(int64_t, int64_t)>* fn = nullptr;
  int64_t base = 0;
  int64_t total = 0;
  void Report(int64_t done_in_op) const {
    if (fn != nullptr && *fn) (*fn)(base + done_in_op, total);
  }
};

struct StagedOp {
  catalog::EntityId entity = 0;  // creates, updates, deletes: the entity resolved
  StagedRows rows;               // creates and updates
  std::string label;             // rows are located `<label>[n]`, or by line (`form`)
  RowPlace::Form form = RowPlace::Form::kIndexed;
  FieldStyle style = FieldStyle::kDotted;
  uint32_t lines = 0;  // kCreateLines: the lines read (room reserved for that many rows)
};

struct StagedBatch {
  std::shared_ptr<const CatalogVersion> rules;  // the version staged against
  std::vector<StagedOp> ops;  // the batch's first ops.size() ops (all of them without error)
  absl::Status error;         // the first error phase 1 found, after the staged ops' writes
};

// Stages `ops` against `rules`, reporting progress (loads about every MiB, other ops when read).
// Throws std::bad_alloc when memory runs out.
StagedBatch Stage(std::shared_ptr<const CatalogVersion> rules, const std::vector<WriteOp>& ops,
                  Progress progress);

}  // namespace linkgraph::modules
