// Index range scans over an ordered index: the rows within an access path's bounds, walked in
// ascending or descending order (kIndexRange and kIndexOrder).
#pragma once

#include <cstdint>
#include <iterator>
#include <vector>

#include "engine/exec/program.h"
#include "engine/store/table.h"

namespace linkgraph::exec {

// A run of an ordered index: [begin, end) in (value, primary key) order.
struct IndexSpan {
  store::OrderedIndex::const_iterator begin, end;
};

// The rows of `index` within `access.lower` / `access.upper`: a bounded span excludes nulls (a
// comparison with null is unknown); with no bound it is the whole index, nulls included.
// Empty when the bounds cross. REQUIRES: the bound values are typed for the indexed column.
IndexSpan SpanOf(const store::OrderedIndex& index, const AccessPath& access);

// Calls fn(row) for each row of `span`: ascending by value, or when `descending` by value
// descending; rows of equal value are always in ascending primary-key order. Stops when fn
// returns false. O(1) per row ascending; descending, O(1) per row of groups of up to 8 equal
// values and O(log n) per longer group.
template <typename Fn>
void WalkSpan(const store::OrderedIndex& index, IndexSpan span, bool descending, Fn fn) {
  if (!descending) {
    for (auto it = span.begin; it != span.end; ++it) {
      if (!fn(*it)) return;
    }
    return;
  }
  // Spans start and end at group boundaries, so a group never starts before span.begin. The
  // start of each group of equal values is found by stepping back over it (one value
  // comparison per row), or for a group longer than a few rows by a search.
  constexpr int kStepsBack = 8;
  auto it = span.end;
  while (it != span.begin) {
    auto group = std::prev(it);
    for (int steps = 0; group != span.begin; ++steps) {
      auto before = std::prev(group);
      if (index.CompareRowValues(*before, *group) != 0) break;
      if (steps == kStepsBack) {
        group = index.GroupBegin(*group);
        break;
      }
      group = before;
    }
    for (auto x = group; x != it; ++x) {
      if (!fn(*x)) return;
    }
    it = group;
  }
}

enum class RowOrder : uint8_t { kPrimaryKey, kPhysical };

// kIndexLookup: the rows holding any of `access.keys` in the hash index on `access.column`, key
// by key in the postings' order (dead rows excluded; soft-deleted rows included; a row twice
// when two keys are equal). REQUIRES: the column has a hash index.
std::vector<uint32_t> IndexLookupRows(const store::Table& table, const AccessPath& access);

// kIndexRange: the rows of `table` within the bounds on `access.column`, in primary-key order,
// or in physical (row id) order, which is cheaper to sort and to read (dead rows excluded;
// soft-deleted rows included). REQUIRES: the column has an ordered index.
std::vector<uint32_t> IndexRangeRows(const store::Table& table, const AccessPath& access,
                                     RowOrder order = RowOrder::kPrimaryKey);

}  // namespace linkgraph::exec
