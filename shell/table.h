// The table format of graph results (DESIGN.md §6): a header of the output keys, one line per
// root row, cells joined by ` | ` and padded to the widest cell of their column (code points;
// the last column unpadded), then `(N rows)`. Text is raw with newlines shown as `\n`, numbers
// and booleans as in JSON, json and array values as compact JSON, null as `NULL`, a single
// relation as its target's primary key, a list as `[N alias]`.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "linkgraph/result.h"

namespace linkgraph::shell {

// The table of `result`, newline-terminated. `primary_key(key)` names the primary key of the
// entity reached by the single relation `key` ("" when unknown: the cell then shows the related
// object as compact JSON).
std::string RenderTable(const Result& result,
                        const std::function<std::string(std::string_view)>& primary_key);

}  // namespace linkgraph::shell
