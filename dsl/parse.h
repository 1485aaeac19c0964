// Entry points of the query DSL. Every syntax error is an InvalidArgument whose message ends in
// its location (DESIGN.md §7) and whose location is attached as a payload.
//
// Example:
//   absl::StatusOr<dsl::FieldPath> f = dsl::ParseField("product_reviews.*", 2);
//   // f->segments[0].name == "product_reviews", f->star == true
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "dsl/ast.h"

namespace linkgraph::dsl {

// Limits on request text, refused with InvalidArgument beyond them. kMaxFieldBytes also bounds
// an order text; kMaxFilterBytes bounds a text-form filter. kMaxFilterDepth bounds the nesting
// of a filter: objects and operators in the object form; parentheses, `not` and `alias.( … )`
// in the text form (relation arguments included); and the nesting of an order object. Depth is
// checked before each level is read. (The binder bounds a bound filter at 256 levels, counting
// each relation of a dotted path; a `$contains` document is bounded by types::CanonicalJson.)
// kMaxFieldDepth bounds the relations one field string walks through (`a.b.c.id` walks 3),
// checked as the path is read.
inline constexpr size_t kMaxFieldBytes = 64 * 1024;
inline constexpr size_t kMaxFieldDepth = 32;
inline constexpr size_t kMaxFilterBytes = 1024 * 1024;
inline constexpr size_t kMaxRequestBytes = 16 * 1024 * 1024;
inline constexpr size_t kMaxFilterDepth = 64;

// Parses one field selection string; `index` is its position in `fields` (for locations).
// Relation arguments (`product_reviews(rating >= 4, order: created_at desc, take: 3).content`)
// fill FieldSegment::args; their locations are `fields[<index>], column C`.
absl::StatusOr<FieldPath> ParseField(std::string_view text, uint32_t index);

// Parses a filter in the text form (`status = 'published' and product_reviews.rating >= 4`) into
// one FilterExpr, a kAnd equal (operator==) to what ParseFilterJson gives for the same filter in
// the object form; the mapping is documented in parse_filter_text.cc. Whitespace alone is the
// empty filter (as `{}`). `where(byte_offset)` renders a location ("filters, column 12"); it
// fills every node's `where` (its `offset` is the byte offset) and locates syntax errors, which
// are InvalidArgument "<message> (<where>)". Texts over kMaxFilterBytes, invalid UTF-8 and
// nesting beyond kMaxFilterDepth are refused the same way.
absl::StatusOr<FilterExpr> ParseFilterText(std::string_view text,
                                           const std::function<std::string(size_t)>& where);

// Parses a filter in the object form (JSON text of an object) into one FilterExpr (an kAnd of
// the object's entries). Locations are `filters.<key path>`, each key clipped to 64 bytes.
// `{"$contains": <object or array holding a document>}` gives one Literal::kJson.
absl::StatusOr<FilterExpr> ParseFilterJson(std::string_view json);

// Parses an order: a JSON object (`{"created_at":"DESC","product":{"title":"ASC"}}`, linked keys
// nested or dotted: `{"product.title":"ASC"}`) or text (`created_at desc, product.title`,
// grammar_filter.h's order_text). Locations are `pagination.order.<key path>` for the object,
// `pagination.order, column C` for the text.
absl::StatusOr<std::vector<OrderKey>> ParseOrder(std::string_view order);

// Parses a Medusa-shaped request `{ entity, fields, filters?, pagination?, withDeleted? }`;
// `filters` is an object (ParseFilterJson) or a string (ParseFilterText, located at
// `filters, column C`).
absl::StatusOr<Request> ParseRequestJson(std::string_view json);

}  // namespace linkgraph::dsl
