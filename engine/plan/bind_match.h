// Binding of the matching operators $re and $contains (part of the filter binder).
#pragma once

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dsl/ast.h"
#include "engine/catalog/catalog.h"
#include "engine/plan/plan.h"

namespace linkgraph::plan {

// Compiles an RE2 pattern for an unanchored search (UTF-8, case-sensitive, RE2 syntax). Returns
// InvalidArgument "invalid regular expression for '<column>': <RE2's error>" at `where`.
absl::StatusOr<std::shared_ptr<const re2::RE2>> CompileRegex(const std::string& pattern,
                                                             const std::string& column,
                                                             const std::string& where);

// `f` is `column $re pattern`: fills `p` (kCompare, op kRe) with the compiled pattern.
// Text, id and enum columns only; the value must be one string literal. A `$param` pattern is
// refused for now: a parameter binder supporting it must compile the pattern (CompileRegex) into
// `regex` when it binds the value (a kRe predicate with a null `regex` matches nothing).
absl::Status BindRegex(const dsl::FilterExpr& f, const catalog::ColumnDef& column, Predicate* p);

// `f` is `column $contains values`: fills `p` (kCompare, op kContains) with the canonical JSON
// needle in values[0].s.
// - array column: the values are texts; the needle is the JSON array of them (all must be held).
// - json column: one string value whose text starts with `{` or `[` (after spaces) is the
//   document itself, as in PostgreSQL's `doc @> 'text'` (invalid JSON is an error); otherwise
//   each value is a JSON scalar (string, number, boolean) and the needle is that scalar when
//   one is given, or the JSON array of them when several are (an array document then holds them
//   all; an array of one scalar and the scalar select the same array documents).
// - any other column: InvalidArgument. Null and `$param` values are refused.
absl::Status BindContains(const dsl::FilterExpr& f, const catalog::ColumnDef& column, Predicate* p);

}  // namespace linkgraph::plan
