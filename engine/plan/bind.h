// The binder: dsl::Request + catalog -> plan::Plan. Every unknown name is an InvalidArgument at
// its location with suggestions; every literal is checked against its column's type.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "dsl/ast.h"
#include "engine/catalog/catalog.h"
#include "engine/plan/plan.h"
#include "engine/types/value_convert.h"

namespace linkgraph::plan {

absl::StatusOr<Plan> Bind(const dsl::Request& request, const catalog::Catalog& catalog);

// Binds a filter against `entity` (also used by services). `with_deleted` is set when the filter
// mentions deleted_at.
absl::StatusOr<Predicate> BindFilter(const dsl::FilterExpr& filter, const catalog::Catalog& catalog,
                                     catalog::EntityId entity, bool* with_deleted);

// Binds order keys against `entity`: dotted keys follow single relations; list relations and
// json/array fields are refused.
absl::StatusOr<std::vector<OrderTerm>> BindOrder(const std::vector<dsl::OrderKey>& keys,
                                                 const catalog::Catalog& catalog,
                                                 const catalog::EntityDef& entity);

// Converts a literal to the type of `column` with types::ConvertInput (InputUse::kFilter), the
// conversion writes use too (engine/types/value_convert.h); `where` locates errors. A number
// column's literal
// is read exactly from its text: one no int64 equals comes back `inexact`, and the predicate
// holding it must then go through FitIntegerCompare (integer_compare.h). A dateTime literal
// outside 0001-01-01 .. 9999-12-31T23:59:59.999999Z (ISO text or epoch milliseconds) is
// InvalidArgument naming the range.
absl::StatusOr<BoundValue> BindLiteral(const dsl::Literal& literal, const catalog::ColumnDef& column,
                                       const std::string& where);

// `literal` as a value given for conversion (a kJson document is an array or an object).
// REQUIRES: literal.kind != kParam.
types::InputValue InputOf(const dsl::Literal& literal);

}  // namespace linkgraph::plan
