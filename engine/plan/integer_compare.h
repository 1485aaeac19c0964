// Exact comparisons of number (int64) columns with literals no int64 equals: a non-integral
// decimal (`249.99999999999999`, `4.5`) or a value beyond the int64 range (`1e30`). Part of the
// filter binder: BindLiteral reads such a literal exactly from its text (BoundValue::inexact),
// and FitIntegerCompare turns the comparison into an equivalent one on an int64, so that the
// executor only ever compares integers, never through a double.
#pragma once

#include "engine/plan/plan.h"

namespace linkgraph::plan {

// Rewrites a kCompare on a number column whose values are inexact (see BoundValue) into an
// equivalent comparison with int64 values, for every non-null cell x (null stays unknown):
//   non-integral v with floor f:  x > v, x >= v  ->  x > f;     x < v, x <= v  ->  x <= f;
//                                 x = v  -> never;              x != v -> always;
//   v above the int64 range:      x > v, x >= v, x = v -> never;  x < v, x <= v, x != v -> always;
//   v below the int64 range:      the mirror image;
//   $in / $nin:                   inexact values are dropped (no cell equals them).
// `never` is `x > INT64_MAX` and `always` is `x >= INT64_MIN`: still comparisons, so that `not`
// and nulls keep SQL's three-valued logic. Values still holding a parameter are left alone
// (call again once they are bound). Other predicates are unchanged.
void FitIntegerCompare(Predicate* p);

}  // namespace linkgraph::plan
