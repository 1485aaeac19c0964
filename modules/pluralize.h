// English pluralization: a port of the npm package `pluralize` 8.0.0 (Blake Embrey), which Medusa
// uses to name generated modules, services and links. Same rule tables (uncountables, irregulars,
// pluralization and singularization rules), same rule order, same match choice (the leftmost
// match of each case-insensitive rule, as JavaScript's RegExp finds it) and same case
// restoration, so outputs are byte-for-byte those of the JavaScript library for ASCII input.
//
// Names reaching these functions are ASCII identifiers (registration checks them with
// base::IsIdentifier first), so the port is ASCII code without a regular expression engine.
// Non-ASCII input is not supported: a byte >= 0x80 is passed through unchanged, one byte at a
// time, as a caseless character that no letter of a rule matches (only negated classes such as
// [^aeiou] do). So Pluralize leaves a word whose last byte is non-ASCII unchanged (pluralize's
// /[^\u0000-\u007F]$/ rule: "café" -> "café"), "ÉCOLE" -> "ÉCOLES" and "naïve" -> "naïves" as in
// JavaScript, but results may differ from JavaScript's wherever the case of a non-ASCII letter
// would count ("POKÉMON" -> "POKÉMONS": only "pokémon" with a lower-case 'é' is uncountable here).
//
// Meant for registration time, not hot paths. All functions are thread-safe; the rule tables are
// built once, on first use.
//
// Not included: pluralize's runtime rule registration (addPluralRule etc.) and its count/inclusive
// arguments. Medusa's own wrapper additionally calls `addUncountableRule("info")`; that rule is
// NOT applied here (Pluralize("info") == "infos", as in plain pluralize 8.0.0).
//
// Example:
//   std::string entity = "product_category";
//   std::string table = Pluralize(entity);  // "product_categories"
#pragma once

#include <string>
#include <string_view>

namespace linkgraph::modules {

// pluralize(word) / pluralize.plural(word): the plural form of `word`.
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
