// Binding parameter values into a plan: every `$name` literal becomes a value typed against the
// column it meets (the same rules as literals written in the query).
#pragma once

#include <map>
#include <string>

#include "absl/status/status.h"
#include "dsl/ast.h"
#include "engine/catalog/catalog.h"
#include "engine/plan/plan.h"

namespace linkgraph::plan {

// Parameter values as literals, by name.
using ParamLiterals = std::map<std::string, dsl::Literal, std::less<>>;

// A deep copy of `plan` (prepared queries bind each execution's parameters into a copy).
Plan ClonePlan(const Plan& plan);

// Replaces every parameter of `plan` with its value from `params`. InvalidArgument names an
// unbound parameter or a value of the wrong type (`parameter $min_rating: expected …`).
absl::Status BindParams(Plan* plan, const ParamLiterals& params, const catalog::Catalog& catalog);

}  // namespace linkgraph::plan
