// Suggestions for unknown names (DESIGN.md §7): up to three known names within edit distance
// max(1, len/3), nearest first, as "did you mean 'a', 'b'?"; otherwise "known: a, b, …".
// The helpers live in the dsl (dsl/suggest.h), which suggests for its own unknown names too.
#pragma once

#include "dsl/suggest.h"

namespace linkgraph::catalog {

using dsl::EditDistance;
using dsl::Suggest;

}  // namespace linkgraph::catalog
