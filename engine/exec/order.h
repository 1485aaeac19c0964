// Sorting rows by order terms: keys in the order given, nulls last on ASC and first on DESC,
// enums by their text, ties broken by primary key ascending (also under DESC).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/plan/plan.h"
#include "engine/store/table.h"

namespace linkgraph::exec {

// REQUIRES: `rows` is in primary-key order (the sort is stable, which breaks ties by it).
void SortRows(const store::Table& table, const std::vector<plan::OrderTerm>& order,
              std::vector<uint32_t>* rows);

}  // namespace linkgraph::exec
