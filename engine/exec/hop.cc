#include "engine/exec/hop.h"

#include <algorithm>

#include "engine/exec/batch_filter.h"
#include "engine/exec/interrupt.h"

namespace linkgraph::exec {

namespace {
// Row ids are counted against the result cap in steps of this many, as a hop produces them: a
// fan-out stops when it passes the cap, not after it has produced everything.
constexpr size_t kCountRowsEvery = 4096;
}  // namespace

void Hop(const store::Store& store, const catalog::RelationDef& rel,
         std::span<const uint32_t> parent_rows, bool with_deleted,
         const plan::Predicate* filter, std::vector<uint32_t>* offsets,
         std::vector<uint32_t>* child_rows) {
  offsets->clear();
  offsets->reserve(parent_rows.size() + 1);
  offsets->push_back(0);
  child_rows->clear();
  const store::Table& target = store.table(rel.target);
  bool single = rel.kind == catalog::RelationKind::kSingle;
  if (rel.steps.size() == 1 && filter == nullptr) {
    // The common case, a direct join: probe the target's index with each parent key.
    const catalog::HopStep& s = rel.steps[0];
    const store::Column& key_col = store.table(rel.source).column(s.from_column);
    const store::HashIndex* idx = target.hash_index(s.to_column);
    size_t counted = 0;
    for (uint32_t parent : parent_rows) {
      if (InterruptRequested()) break;
      if (child_rows->size() - counted >= kCountRowsEvery) {
        if (InterruptAddRows(child_rows->size() - counted)) break;
        counted = child_rows->size();
      }
      if (!key_col.IsNull(parent)) {
        if (store::HashIndex::Rows p = idx->Find(key_col.Get(parent))) {
          for (uint32_t child : *p) {
            if (!target.IsVisible(child, with_deleted)) continue;
            child_rows->push_back(child);
            if (single) break;
          }
        }
      }
      offsets->push_back(static_cast<uint32_t>(child_rows->size()));
    }
    return;
  }
  // Through pivots, or with a relation argument's filter: the related rows of every parent
  // first (a single relation reads only its one target), then the filter over all of them at
  // once, a column at a time.
  size_t counted = 0;
  for (uint32_t parent : parent_rows) {
    if (InterruptRequested()) break;
    if (child_rows->size() - counted >= kCountRowsEvery) {
      if (InterruptAddRows(child_rows->size() - counted)) break;
      counted = child_rows->size();
    }
    size_t begin = child_rows->size();
    ForEachRelated(store, rel, parent, with_deleted, [&](uint32_t child) {
      child_rows->push_back(child);
      return !single;
    });
    if (rel.order_by_target_pk) {
      std::sort(child_rows->begin() + static_cast<std::ptrdiff_t>(begin), child_rows->end(),
                [&](uint32_t a, uint32_t b) { return target.PkLess(a, b); });
    }
    offsets->push_back(static_cast<uint32_t>(child_rows->size()));
  }
  if (filter == nullptr || child_rows->empty()) return;
  std::vector<uint8_t> keep(child_rows->size());
  BatchFilter(*filter, store, target, with_deleted).Evaluate(*child_rows, keep.data());
  size_t out = 0, read = 0;
  for (size_t p = 1; p < offsets->size(); ++p) {
    const size_t end = (*offsets)[p];
    for (; read < end; ++read) {
      if (keep[read] == kYes) (*child_rows)[out++] = (*child_rows)[read];
    }
    (*offsets)[p] = static_cast<uint32_t>(out);
  }
  child_rows->resize(out);
}

}  // namespace linkgraph::exec
