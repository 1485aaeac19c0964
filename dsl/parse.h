// Entry points of the query DSL. Every syntax error is an InvalidArgument whose message ends in
// its location (DESIGN.md §7) and whose location is attached as a payload.
//
// Example:
//   absl::StatusOr<dsl::FieldPath> f = dsl::ParseField("product_reviews.*", 2);
//   // f->segments[0].name == "product_reviews", f->star == true
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "dsl/ast.h"

namespace linkgraph::dsl {

// Limits on request text, refused with InvalidArgument beyond them.
inline constexpr size_t kMaxFieldBytes = 64 * 1024;
inline constexpr size_t kMaxRequestBytes = 16 * 1024 * 1024;
inline constexpr size_t kMaxFilterDepth = 64;

// Parses one field selection string; `index` is its position in `fields` (for locations).
absl::StatusOr<FieldPath> ParseField(std::string_view text, uint32_t index);

// Parses a filter in the object form (JSON text of an object) into one FilterExpr (an kAnd of
// the object's entries). Locations are `filters.<key path>`.
absl::StatusOr<FilterExpr> ParseFilterJson(std::string_view json);

// Parses an order: a JSON object (`{"created_at":"DESC","product":{"title":"ASC"}}`) or text
// (`created_at desc, product.title`). Locations are `pagination.order`.
absl::StatusOr<std::vector<OrderKey>> ParseOrder(std::string_view order);

// Parses a Medusa-shaped request `{ entity, fields, filters?, pagination?, withDeleted? }`.
absl::StatusOr<Request> ParseRequestJson(std::string_view json);

}  // namespace linkgraph::dsl
