// exec::Build turns a logical plan into a program of physical operators; Execute runs it over a
// store and produces the columnar result.
//
// Example:
//   LG_ASSIGN_OR_RETURN(exec::Program program, exec::Build(plan, catalog));
//   LG_ASSIGN_OR_RETURN(std::shared_ptr<result::ResultData> data, exec::Execute(program, store));
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/exec/interrupt.h"
#include "engine/plan/plan.h"
#include "engine/result/result_data.h"
#include "engine/store/store.h"

namespace linkgraph::exec {

// How the root rows are found, chosen by Build (ChooseAccess, access.cc) from the root's filter,
// order and pagination; "conjunct" means a member of the filter's top-level AND:
//  1. kIndexLookup: an $eq/$in conjunct on a hash-indexed column (primary key, unique, link key;
//     not float or bigNumber): the rows holding those keys, then sorted.
//  2. A walk in the requested order (`ordered`): primary-key order (kPkOrderScan) when the order
//     is empty or starts with the primary key; the ordered index of the first order key
//     (kIndexOrder) when it is a root column (no relation path) declared `index`, with the
//     $eq/$gt/$gte/$lt/$lte conjuncts on it folded in as bounds. Chosen when it has bounds, or
//     the filter has no range conjunct on an ordered-index column, or it can stop early.
//  3. kIndexRange on column R: the first $eq/$gt/$gte/$lt/$lte conjunct on an ordered-index
//     column R, its bounds folded in: the rows within them, then sorted.
//  4. kPkOrderScan (not `ordered`): every row, then sorted.
// A walk emits rows in the requested order (DESC: groups of equal values backwards, each group
// in primary-key order; nulls last on ASC, first on DESC), so with a take it stops as soon as
// skip + take rows passed the filter (top-k, no sort; with more order keys the last group of
// equal first-key values is completed, and the rows sorted). It "can stop early" when there is a
// take and the count needs no visit of rows: not requested, or taken from counters, which is
// possible when the walk has no bounds and the filter is empty (Table::live_count) or a single
// $eq/$in on an enum column outside withDeleted (Column::live_counts). Every other count is
// counted over the rows the access path visits.
struct AccessPath {
  enum class Kind : uint8_t { kPkOrderScan, kIndexLookup, kIndexRange, kIndexOrder };
  // A bound of a range: value == nullptr means unbounded.
  struct Bound {
    const plan::BoundValue* value = nullptr;
    bool inclusive = false;
  };
  // Where metadata.count comes from.
  enum class Count : uint8_t {
    kNone,         // not requested
    kRows,         // counted over the rows visited
    kLiveRows,     // Table::live_count() (live and soft-deleted rows under withDeleted)
    kEnumCounter,  // the sum of Column::live_counts() of `count_codes` of `count_column`
  };

  Kind kind = Kind::kPkOrderScan;
  catalog::ColumnId column = catalog::kNoColumn;  // kIndexLookup / kIndexRange / kIndexOrder
  std::vector<const plan::BoundValue*> keys;      // kIndexLookup: the looked-up values
  Bound lower, upper;                             // kIndexRange / kIndexOrder
  bool ordered = false;     // kPkOrderScan / kIndexOrder: rows come in the requested order
  bool descending = false;  // `ordered`: walk backwards (equal values still in primary-key order)
  Count count = Count::kRows;
  catalog::ColumnId count_column = catalog::kNoColumn;  // kEnumCounter
  std::vector<int64_t> count_codes;                     // kEnumCounter: distinct codes
};

// One node of the program: the root scan or a hop, then a gather of the node's outputs.
struct NodeProgram {
  const plan::Node* node = nullptr;
  AccessPath access;  // root only
  std::vector<std::unique_ptr<NodeProgram>> children;
};

struct Program {
  std::unique_ptr<NodeProgram> root;
  bool count = true;
};

// REQUIRES: `plan` and `catalog` outlive the program.
absl::StatusOr<Program> Build(const plan::Plan& plan, const catalog::Catalog& catalog);

// Runs `program` over `store` within `limits` (DeadlineExceeded, Cancelled, ResourceExhausted).
// REQUIRES: the caller holds a snapshot of `store`.
absl::StatusOr<std::shared_ptr<result::ResultData>> Execute(const Program& program,
                                                            const store::Store& store,
                                                            const QueryLimits& limits = {});

// Runs `program` with `rows` as its root rows (in that order) instead of the root scan; the
// metadata is {count: rows.size()} (write results).
absl::StatusOr<std::shared_ptr<result::ResultData>> ExecuteRows(
    const Program& program, const store::Store& store, const std::vector<uint32_t>& rows);

// A text rendering of the program's operators, one per line (tests and Explain).
// With `store`, each line ends in the estimated rows (`[est. 12 rows]`).
std::string DumpProgram(const Program& program, const catalog::Catalog& catalog,
                        const store::Store* store = nullptr);

}  // namespace linkgraph::exec
