// Gather: the values of one output column for a node's rows, into result columns.
#pragma once

#include <cstdint>
#include <span>

#include "engine/result/result_data.h"
#include "engine/store/table.h"

namespace linkgraph::exec {

// Up to this many rows, a node's rows are few and scattered (a point query, a short nested
// list): their output values are prefetched all at once, and so are their texts.
inline constexpr size_t kPrefetchRows = 64;

// The values of `column` for `rows` (in order), arrays in `arena`. Text values are views into
// the store's arena (stable for the Database's lifetime), prefetched for the JSON writer.
result::ValueColumn GatherColumn(const store::Table& table, catalog::ColumnId column,
                                 std::span<const uint32_t> rows, result::Arena& arena);

}  // namespace linkgraph::exec
