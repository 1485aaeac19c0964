// Column-at-a-time evaluation of a bound filter over a batch of rows of one table.
//
// Results use SQL three-valued logic encoded so that the connectives are arithmetic:
// kNo = false, kMaybe = unknown, kYes = true; AND is min, OR is max, NOT is kYes - x. Each
// comparison is one loop over its column, specialised by type for the common cases (numbers,
// dates and booleans; text equality and ranges; enums through a result per dictionary code);
// AND and OR evaluate later children only on the rows still undecided.
//
// An EXISTS leaf is a semi-join. It starts as a probe: the batch's related rows are gathered
// through the relation's indexes and its inner filter is evaluated on them as one batch. Once
// the probes have touched more related rows than a build would (the candidates of an index on
// one of the inner filter's conjuncts, else a scan of the related table counted at 1/32 of a
// probe per row), it switches to the build: the inner filter runs once over those rows, and the
// keys of the matching rows are walked back through the relation to a bitmap of this table's
// rows, which later batches test bit by bit. Like renting skis until buying is cheaper, this
// costs at most about twice the better of the two without knowing how many rows will be
// evaluated (an ordered walk with a take stops early).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "engine/plan/plan.h"
#include "engine/store/store.h"

namespace linkgraph::exec {

inline constexpr uint8_t kNo = 0;
inline constexpr uint8_t kMaybe = 1;
inline constexpr uint8_t kYes = 2;

class BatchFilter {
 public:
  // `filter` is evaluated over rows of `table`; `with_deleted` makes soft-deleted related rows
  // visible to EXISTS. REQUIRES: all outlive the BatchFilter; the caller holds a snapshot.
  BatchFilter(const plan::Predicate& filter, const store::Store& store,
              const store::Table& table, bool with_deleted);
  ~BatchFilter();

  // out[i] = kNo, kMaybe or kYes for rows[i]. The caller checks the rows' own visibility.
  void Evaluate(std::span<const uint32_t> rows, uint8_t* out);

  // Tests: replace the cost rule by "build once the probes have touched more than
  // (related table rows / d) rows"; d = 0 never builds.
  void set_build_threshold_divisor(size_t d) { build_divisor_ = d; }

 private:
  struct SemiJoin;

  void Eval(const plan::Predicate& p, const store::Table& table, bool with_deleted,
            std::span<const uint32_t> rows, uint8_t* out);
  void EvalExists(const plan::Predicate& p, const store::Table& table, bool with_deleted,
                  std::span<const uint32_t> rows, uint8_t* out);
  bool ShouldBuild(const plan::Predicate& p, SemiJoin& sj);
  // Where a build would find the inner filter's rows: an index's candidates, or every row.
  void PlanBuild(const plan::Predicate& p, SemiJoin* sj);
  // The bitmap of `table`'s rows with some visible related row satisfying p's inner filter.
  void Build(const plan::Predicate& p, const store::Table& table, bool with_deleted,
             SemiJoin* sj);

  const plan::Predicate& filter_;
  const store::Store& store_;
  const store::Table& table_;
  bool with_deleted_;
  std::optional<size_t> build_divisor_;
  absl::flat_hash_map<const plan::Predicate*, std::unique_ptr<SemiJoin>> semi_joins_;
};

}  // namespace linkgraph::exec
