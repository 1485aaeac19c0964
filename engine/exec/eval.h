// Evaluation of bound predicates over table rows, with SQL three-valued logic.
#pragma once

#include <cstdint>

#include "engine/plan/plan.h"
#include "engine/store/store.h"

namespace linkgraph::exec {

enum class Tri : uint8_t { kFalse, kTrue, kUnknown };

// Evaluates `pred` on `row` of `table`. EXISTS predicates hop through `store`; `with_deleted`
// makes soft-deleted related rows visible.
Tri Evaluate(const plan::Predicate& pred, const store::Store& store, const store::Table& table,
             uint32_t row, bool with_deleted);

// Evaluates a kCompare predicate on `row` of `col`.
Tri EvaluateCompare(const plan::Predicate& pred, const store::Column& col, uint32_t row);

// True when `text` matches the LIKE `pattern` (`%`, `_`, `\` escapes); `fold` folds ASCII case.
bool LikeMatch(std::string_view text, std::string_view pattern, bool fold);

}  // namespace linkgraph::exec
