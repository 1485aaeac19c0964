// The table format of graph results (DESIGN.md §6): a header of the column paths
// (table_columns.h), one line per root row, cells joined by ` | ` and padded to the widest cell
// of their column by display width (East Asian wide characters count two, combining marks
// none; the last column unpadded), then `(N rows)`. Text is raw with tab, CR and newline shown
// as `\t`, `\r`, `\n`; numbers and booleans as in JSON; json and array values as compact JSON;
// null (or a null relation on the way) as `NULL`; a relation's column holds its compact JSON cut
// to kMaxRelationCell code points, the last one `…`.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "linkgraph/result.h"
#include "shell/table_columns.h"

namespace linkgraph::shell {

inline constexpr size_t kMaxRelationCell = 60;

// The table of `result`, newline-terminated. With `max_rows` > 0 only the first `max_rows` rows
// are shown, followed by `… N more rows` before the final count (which counts every row).
std::string RenderTable(const Result& result, const std::vector<TableColumn>& columns,
                        size_t max_rows);

}  // namespace linkgraph::shell
