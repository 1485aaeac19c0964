// English pluralization: a port of the npm package `pluralize` 8.0.0 (Blake Embrey), which Medusa
// uses to name generated modules, services and links. Same rule tables (uncountables, irregulars,
// pluralization and singularization rules), same rule order, same JavaScript regular expression
// semantics (case-insensitive, leftmost match, `$0`/`$n` substitutions) and same case restoration,
// so outputs are byte-for-byte those of the JavaScript library for UTF-8 input (characters outside
// the BMP are matched as UTF-16 surrogate pairs, as JavaScript does). Bytes that are not valid
// UTF-8 are passed through unchanged.
//
// Meant for registration time, not hot paths: a call costs roughly 15-20 microseconds. All
// functions are thread-safe; the rule tables are built once, on first use.
//
// Not included: pluralize's runtime rule registration (addPluralRule etc.) and its count/inclusive
// arguments. Medusa's own wrapper additionally calls `addUncountableRule("info")`; that rule is
// NOT applied here (Pluralize("info") == "infos", as in plain pluralize 8.0.0).
#pragma once

#include <string>
#include <string_view>

namespace linkgraph::modules {

// pluralize(word) / pluralize.plural(word): the plural form of `word` (UTF-8).
// Irregular and uncountable words are matched case-insensitively; the case of the result follows
// pluralize's restoreCase: a whole-word replacement copies the word's case (exact, lower, UPPER or
// Title; anything else becomes lower case), a rule replacement copies the case of the matched
// suffix only. Empty input returns "".
// Examples: "ProductCategory" -> "ProductCategories", "Person" -> "People", "FAQ" -> "FAQS",
//           "sales_channel" -> "sales_channels", "Sheep" -> "Sheep", "I" -> "WE".
std::string Pluralize(std::string_view word);

// pluralize.singular(word): the singular form of `word`, with the same case handling as Pluralize.
// Examples: "ProductCategories" -> "ProductCategory", "People" -> "Person",
//           "Statuses" -> "Status", "Texas" -> "Texa", "magpies" -> "magpy".
std::string Singularize(std::string_view word);

// pluralize.isPlural(word): true iff `word` is a known irregular plural, or is not a known
// irregular singular and lower-cased is left unchanged by the pluralization rules (so
// uncountables are both plural and singular).
// Examples: IsPlural("people") == true, IsPlural("person") == false, IsPlural("sheep") == true.
bool IsPlural(std::string_view word);

// pluralize.isSingular(word): as IsPlural, with the singularization rules and the irregular maps
// swapped.
// Examples: IsSingular("person") == true, IsSingular("people") == false.
bool IsSingular(std::string_view word);

}  // namespace linkgraph::modules
