// A load's progress bar on standard error (DESIGN.md §6): drawn only when standard error is a
// terminal and the batch holds at least kProgressMinBytes of input.
#pragma once

#include <cstdint>

#include "linkgraph/database.h"

namespace linkgraph::shell {

inline constexpr int64_t kProgressMinBytes = int64_t{8} << 20;

// A WriteBatch::Progress drawing `loading [#####.....]  42%` on standard error, or an empty
// function when standard error is not a terminal.
WriteBatch::Progress TerminalProgress();

}  // namespace linkgraph::shell
