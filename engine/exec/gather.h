// Gather: copies the output columns of a node's rows into result columns.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/result/result_data.h"
#include "engine/store/table.h"

namespace linkgraph::exec {

// Appends nothing to `node` but its column values for `rows` (in order).
result::ValueColumn GatherColumn(const store::Table& table, catalog::ColumnId column,
                                 const std::vector<uint32_t>& rows);

}  // namespace linkgraph::exec
