// The hop: following a relation from parent rows to related rows through the hash index of the
// joined column, one batched hash join per step (links, pivots and in-module relations alike).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/plan/plan.h"
#include "engine/store/store.h"

namespace linkgraph::exec {

// Calls `fn(row)` for each visible row related to `row` through `rel`, in the related rows'
// primary-key order per step, until `fn` returns false.
template <typename Fn>
bool ForEachRelatedStep(const store::Store& store, const catalog::RelationDef& rel, size_t step,
                        catalog::EntityId from_entity, uint32_t row, bool with_deleted, Fn& fn) {
  const catalog::HopStep& s = rel.steps[step];
  const store::Table& from = store.table(from_entity);
  const store::Column& key_col = from.column(s.from_column);
  if (key_col.IsNull(row)) return true;
  const store::Table& to = store.table(s.target);
  const store::HashIndex* idx = to.hash_index(s.to_column);
  store::HashIndex::Rows posting = idx->Find(key_col.Get(row));
  if (posting == nullptr) return true;
  bool last = step + 1 == rel.steps.size();
  for (uint32_t child : *posting) {
    if (!to.IsVisible(child, with_deleted)) continue;
    if (last) {
      if (!fn(child)) return false;
    } else if (!ForEachRelatedStep(store, rel, step + 1, s.target, child, with_deleted, fn)) {
      return false;
    }
  }
  return true;
}

template <typename Fn>
void ForEachRelated(const store::Store& store, const catalog::RelationDef& rel, uint32_t row,
                    bool with_deleted, Fn fn) {
  // The first step starts at the entity owning the relation: the source of steps[0].
  ForEachRelatedStep(store, rel, 0, rel.source, row, with_deleted, fn);
}

// The rows related to each of `rows` (rows of rel.source) through every step of `rel`, visible
// ones only, in the order ForEachRelated visits them (with `first_only`, at most the first),
// in CSR form: those of rows[i] are related[offsets[i] .. offsets[i+1]). Each step looks up all
// its keys in one batch (HashIndex::FindEach). `results`: the related rows are result rows,
// counted against the query's cap as they are found. Interrupted (the query's Interrupt), it
// leaves offsets shorter than rows.size() + 1.
void RelatedRows(const store::Store& store, const catalog::RelationDef& rel,
                 std::span<const uint32_t> rows, bool with_deleted, bool first_only,
                 bool results, std::vector<uint32_t>* offsets, std::vector<uint32_t>* related);

// Batched hop: for each parent row, the related rows that are visible and satisfy `filter`
// (when given); a single relation keeps at most one. Output in CSR form: rows of parent i are
// child_rows[offsets[i] .. offsets[i+1]).
void Hop(const store::Store& store, const catalog::RelationDef& rel,
         std::span<const uint32_t> parent_rows, bool with_deleted,
         const plan::Predicate* filter, std::vector<uint32_t>* offsets,
         std::vector<uint32_t>* child_rows);

}  // namespace linkgraph::exec
