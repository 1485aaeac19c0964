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

// Replaces every parameter of `plan` with its value from `params`. InvalidArgument for an
// unbound parameter, located where the request names it
// (`unbound parameter $min_rating (filters.rating.$gte)`), or for a value of the wrong type,
// located at the parameter (`expected a number for 'rating', got 'many' (parameter $min)`).
absl::Status BindParams(Plan* plan, const ParamLiterals& params, const catalog::Catalog& catalog);

// OK when `plan` holds no parameter (a plan run without BindParams); otherwise the
// InvalidArgument BindParams gives for the first unbound one, in filter order, root first.
absl::Status CheckNoParams(const Plan& plan);
// The same for one bound filter (service selectors, evaluated without a plan).
absl::Status CheckNoParams(const Predicate& filter);

}  // namespace linkgraph::plan
