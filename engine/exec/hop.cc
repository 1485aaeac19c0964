#include "engine/exec/hop.h"

#include <algorithm>

#include "engine/exec/batch_filter.h"
#include "engine/exec/interrupt.h"

namespace linkgraph::exec {

namespace {
// Row ids are counted against the result cap in steps of this many, as a hop produces them: a
// fan-out stops when it passes the cap, not after it has produced everything.
constexpr size_t kCountRowsEvery = 4096;

// One step of a relation for `rows` (rows of `from`): their related rows of `to` in CSR form
// (`offsets` and `related` are replaced). False when the query was interrupted.
bool ProbeStep(const store::Store& store, catalog::EntityId from_entity, const catalog::HopStep& s,
               std::span<const uint32_t> rows, bool with_deleted, bool first_only, bool count,
               std::vector<uint32_t>* offsets, std::vector<uint32_t>* related) {
  const store::Table& from = store.table(from_entity);
  const store::Table& to = store.table(s.target);
  offsets->clear();
  offsets->reserve(rows.size() + 1);
  offsets->push_back(0);
  related->clear();
  size_t counted = 0;
  bool stopped = false;
  to.hash_index(s.to_column)
      ->FindEach(from.column(s.from_column), rows, [&](size_t, store::HashIndex::Rows p) {
        if (InterruptRequested()) {
          stopped = true;
          return false;
        }
        if (count && related->size() - counted >= kCountRowsEvery) {
          if (InterruptAddRows(related->size() - counted)) {
            stopped = true;
            return false;
          }
          counted = related->size();
        }
        if (p) {
          for (uint32_t child : *p) {
            if (!to.IsVisible(child, with_deleted)) continue;
            related->push_back(child);
            if (first_only) break;
          }
        }
        offsets->push_back(static_cast<uint32_t>(related->size()));
        return true;
      });
  return !stopped && !InterruptRequested();
}

}  // namespace

void RelatedRows(const store::Store& store, const catalog::RelationDef& rel,
                 std::span<const uint32_t> rows, bool with_deleted, bool first_only,
                 bool results, std::vector<uint32_t>* offsets, std::vector<uint32_t>* related) {
  // With `results`, rows of the last step are counted against the result cap as they are
  // found; the rows a path passes through (pivots) are not results.
  auto stop = [&] {
    offsets->resize(1);  // shorter than rows + 1: stopped
    related->clear();
  };
  if (rel.steps.size() == 1) {
    if (!ProbeStep(store, rel.source, rel.steps[0], rows, with_deleted, first_only, results,
                   offsets, related)) {
      stop();
    }
    return;
  }
  // offsets[i]..offsets[i+1] index the rows reached so far (`current`) from rows[i]; each step
  // maps every reached row to the rows it reaches, and the offsets through that step's own.
  std::vector<uint32_t> current, next, step_offsets;
  catalog::EntityId from_entity = rel.source;
  for (size_t k = 0; k < rel.steps.size(); ++k) {
    const bool last = k + 1 == rel.steps.size();
    std::span<const uint32_t> from_rows = k == 0 ? rows : std::span<const uint32_t>(current);
    if (!ProbeStep(store, from_entity, rel.steps[k], from_rows, with_deleted, false,
                   results && last, k == 0 ? offsets : &step_offsets, &next)) {
      stop();
      return;
    }
    if (k > 0) {
      for (uint32_t& o : *offsets) o = step_offsets[o];
    }
    current.swap(next);
    from_entity = rel.steps[k].target;
  }
  if (first_only) {
    // At most the first row reached from each parent.
    size_t out = 0;
    for (size_t i = 0; i + 1 < offsets->size(); ++i) {
      const uint32_t begin = (*offsets)[i], end = (*offsets)[i + 1];
      (*offsets)[i] = static_cast<uint32_t>(out);
      if (begin < end) current[out++] = current[begin];
    }
    offsets->back() = static_cast<uint32_t>(out);
    current.resize(out);
  }
  related->swap(current);
}

void Hop(const store::Store& store, const catalog::RelationDef& rel,
         std::span<const uint32_t> parent_rows, bool with_deleted,
         const plan::Predicate* filter, std::vector<uint32_t>* offsets,
         std::vector<uint32_t>* child_rows) {
  // A single relation reads its first related row (the filter then keeps it or not).
  RelatedRows(store, rel, parent_rows, with_deleted,
              rel.kind == catalog::RelationKind::kSingle, /*results=*/true, offsets, child_rows);
  if (offsets->size() != parent_rows.size() + 1) return;  // interrupted
  const store::Table& target = store.table(rel.target);
  if (rel.order_by_target_pk) {
    for (size_t p = 0; p + 1 < offsets->size(); ++p) {
      std::sort(child_rows->begin() + (*offsets)[p], child_rows->begin() + (*offsets)[p + 1],
                [&](uint32_t a, uint32_t b) { return target.PkLess(a, b); });
    }
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
