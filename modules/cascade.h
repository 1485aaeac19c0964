// Deleting, soft-deleting and restoring rows inside a commit, with the cascades of DESIGN.md §3:
// a deleted row's defineLink rows are deleted or dismissed, the linked rows of a side declared
// `deleteCascade: true` follow, and so do the referrers through seed-form links declared
// `deleteCascade: true`: the followers of a deleted row follow it
// (hard follows hard, soft follows soft), transitively, each row once; restoring a row restores
// exactly the referrers its soft delete removed (those stamped with the same deleted_at).
// The walk keeps an explicit work list (DESIGN.md §9): a chain of any length costs heap, not
// stack, and there is no depth limit.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"

#include "engine/store/transaction.h"
#include "modules/commit_context.h"

namespace linkgraph::modules {

class Deleter {
 public:
  enum class Mode : uint8_t { kHard, kSoft, kRestore };

  Deleter(CommitContext* ctx, store::Transaction* txn, Mode mode)
      : ctx_(ctx), txn_(txn), now_(ctx->now), mode_(mode) {}

  // Applies the mode to `row` and its cascade. Returns false (and does nothing) when the row
  // needs no change: already soft-deleted for kSoft, not soft-deleted for kRestore, or already
  // reached by this Deleter. Rows are reached in the order a depth-first walk would reach them
  // (followers in the order the Cascade* functions list them), each once.
  bool Apply(catalog::EntityId entity, uint32_t row);

  // After every Apply: FailedPrecondition when a deleted row still has a live dependant through
  // an in-module belongsTo that does not cascade (naming the entity, the ids and the relation).
  absl::Status Finish() const;

 private:
  void CascadeBelongsTo(catalog::EntityId entity, uint32_t row, int64_t restored_stamp);
  // Restoring a row whose unique value a live row now holds fails with AlreadyExists.
  void CheckRestorable(const store::Table& table, uint32_t row);
  absl::Status conflict_;
  struct Refusal {
    const BelongsToInfo* relation;
    catalog::EntityId entity;
    uint32_t row;
  };
  std::vector<Refusal> refusals_;

  // Changes one row (kills it, stamps or clears its deleted_at) and lists the rows that follow
  // it in followers_. Returns false when it needs no change.
  bool Visit(catalog::EntityId entity, uint32_t row);
  // Lists in followers_ the rows following `row`, and applies the mode to its pivot rows.
  void Cascade(catalog::EntityId entity, uint32_t row, int64_t restored_stamp);
  // defineLink pivots: a deleted row's link rows are deleted (hard) or dismissed (soft), and the
  // rows of a side declared deleteCascade follow; restore undoes exactly that.
  void CascadePivots(catalog::EntityId entity, uint32_t row, int64_t restored_stamp);

  CommitContext* ctx_;
  store::Transaction* txn_;
  int64_t now_;
  Mode mode_;
  using RowRef = std::pair<catalog::EntityId, uint32_t>;
  absl::flat_hash_set<uint64_t> visited_;  // (entity << 32) | row
  std::vector<RowRef> work_;               // rows still to visit; the next at the back
  std::vector<RowRef> followers_;          // of the row being visited, in cascade order
};

}  // namespace linkgraph::modules
