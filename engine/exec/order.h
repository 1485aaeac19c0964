// Sorting rows by order terms: keys in the order given, nulls last on ASC and first on DESC,
// enums by their text, ties broken by primary key ascending (also under DESC). A key reached
// through single relations reads null when the related row is missing.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/plan/plan.h"
#include "engine/store/store.h"

namespace linkgraph::exec {

// Sorts rows[begin, end) of `table` (its rows are in primary-key order already; the sort is
// stable, which breaks ties by it). `with_deleted` makes soft-deleted related rows visible.
void SortRows(const store::Store& store, const store::Table& table,
              const std::vector<plan::OrderTerm>& order, bool with_deleted,
              std::vector<uint32_t>::iterator begin, std::vector<uint32_t>::iterator end);

}  // namespace linkgraph::exec
