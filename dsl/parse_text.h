// Pieces of the text-form parser (parse_filter_text.cc) used elsewhere in dsl/: the field parser
// calls ParseFilterAt/ParseOrderAt for relation arguments, which embed a filter and an order
// list; those throw internal::SyntaxError (errors.h) with offsets into the whole `text`, caught
// at the public entry points. Internal to dsl/.
#pragma once

#include <cstddef>
#include <functional>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "dsl/ast.h"

namespace linkgraph::dsl::internal {

// Renders the location of a byte offset (see dsl::TextWhere).
using WhereFn = std::function<std::string(size_t)>;

// Parses a text-form filter (grammar::or_expr) starting at byte `*pos` of `text` and sets `*pos`
// just past it. Returns nullopt, `*pos` unchanged, when no condition starts at `*pos`. The result
// is a kAnd as ParseFilterText's.
std::optional<FilterExpr> ParseFilterAt(std::string_view text, size_t* pos,
                                        const WhereFn& where);

// Parses one order key or a parenthesised list of them (grammar::order_value) starting at byte
// `*pos` of `text`, appends the keys to `*out` and sets `*pos` just past them. Returns false,
// `*pos` unchanged, when no key starts at `*pos`.
bool ParseOrderAt(std::string_view text, size_t* pos, const WhereFn& where,
                  std::vector<OrderKey>* out);

// Parses an order list (`created_at desc, product.title`: grammar::order_list, no enclosing
// parentheses) starting at byte `*pos` of `text` like ParseOrderAt.
bool ParseOrderListAt(std::string_view text, size_t* pos, const WhereFn& where,
                      std::vector<OrderKey>* out);

// Parses one field selection (grammar::field_start: `*` or a path with relation arguments)
// starting at byte `*pos` of `text` and sets `*pos` just past it; offsets in the result are
// offsets into `text`. Returns nullopt, `*pos` unchanged, when no field starts at `*pos`.
// Throws SyntaxError (errors.h) with offsets into `text`. (The shell's statement parser reads
// the fields of `graph … fields …` with it.)
std::optional<FieldPath> ParseFieldAt(std::string_view text, size_t* pos, uint32_t index,
                                      const WhereFn& where);

// Parses an order text (`created_at desc, product.title`: grammar::order_text). Errors are
// InvalidArgument located at "<where_prefix>, column C"; texts over kMaxFieldBytes are refused.
absl::StatusOr<std::vector<OrderKey>> ParseOrderList(std::string_view text,
                                                     const std::string& where_prefix);

}  // namespace linkgraph::dsl::internal
