// Suggestions for unknown names (DESIGN.md §7): up to three known names within edit distance
// max(1, len/3), nearest first, as "did you mean 'a', 'b'?"; otherwise "known: a, b, …".
// Plain string helpers with no catalog knowledge, so the dsl's own unknown names (request and
// pagination keys, filter operators) and the binder's (engine/catalog/suggest.h) share them.
//
// Example:
//   Suggest("$eqq", {"$eq", "$ne"});  // "did you mean '$eq'?"
//   Suggest("zzz", {"id", "title"});  // "known: id, title"
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace linkgraph::dsl {

// Edit distance (optimal string alignment: adjacent transpositions cost 1) of two byte strings.
size_t EditDistance(std::string_view a, std::string_view b);

// "did you mean 'product_reviews'?" or "known: id, title" (or "known: none" when empty).
std::string Suggest(std::string_view name, const std::vector<std::string_view>& known);

}  // namespace linkgraph::dsl
