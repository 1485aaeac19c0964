// Name helpers ported from Medusa's @medusajs/utils (packages/core/utils/src/common/):
// camelToSnakeCase, toPascalCase, upperCaseFirst, lowerCaseFirst and toCamelCase, plus the
// JavaScript String.prototype.toLowerCase/toUpperCase semantics they (and pluralize.h) rely on.
//
// All functions take and return UTF-8. Behaviour matches the JavaScript originals character for
// character, where a "character" is a Unicode code point (JavaScript works on UTF-16 code units;
// the two only differ for the degenerate toCamelCase case noted below). Bytes that are not valid
// UTF-8 are passed through unchanged and are treated as caseless, non-word characters.
#pragma once

#include <string>
#include <string_view>

namespace linkgraph::modules {

// JavaScript `s.toLowerCase()`: full Unicode lower-casing, locale independent, including the
// one-to-many mapping of U+0130 (to "i" U+0307) and the Final_Sigma context rule for U+03A3 'Σ'.
// Case tables are those of Node.js 20 (ICU 78, Unicode 17).
// Example: JsToLowerCase("ProductVariant") == "productvariant".
std::string JsToLowerCase(std::string_view s);

// JavaScript `s.toUpperCase()`: full Unicode upper-casing, locale independent, including
// one-to-many mappings such as 'ß' -> "SS" and 'ﬁ' -> "FI".
// Example: JsToUpperCase("straße") == "STRASSE".
std::string JsToUpperCase(std::string_view s);

// Medusa `camelToSnakeCase`: inserts '_' between every ASCII lower-case letter immediately
// followed by an ASCII upper-case letter (non-overlapping, left to right), then lower-cases the
// whole string. Digits and runs of capitals are not split.
// Examples: "ProductVariant" -> "product_variant", "MockModel2" -> "mock_model2",
//           "HTTPServer" -> "httpserver", "aBC" -> "a_bc".
std::string CamelToSnakeCase(std::string_view s);

// Medusa `toPascalCase`: upper-cases the first character if it is an ASCII word character
// ([A-Za-z0-9_]), and replaces every later '_' + word character pair (non-overlapping, left to
// right) by that character upper-cased; underscores inside a matched pair are dropped. Other
// characters are kept as they are (no lower-casing).
// Examples: "product_variant" -> "ProductVariant", "productVariant" -> "ProductVariant",
//           "_foo" -> "foo" (the leading '_' is the matched first character),
//           "a__b" -> "Ab", "my-thing" -> "My-thing".
std::string ToPascalCase(std::string_view s);

// Medusa `upperCaseFirst`: the first character upper-cased (JavaScript rules, so 'ß' -> "SS"),
// the rest unchanged. "" -> "".
// Example: "product" -> "Product".
std::string UpperCaseFirst(std::string_view s);

// Medusa `lowerCaseFirst`: the first character lower-cased, the rest unchanged. "" -> "".
// Example: "ProductVariant" -> "productVariant".
std::string LowerCaseFirst(std::string_view s);

// Medusa `toCamelCase` (current upstream, which lets PascalCase names contain digits):
//  - returned unchanged when it matches /^([a-zA-Z][a-zA-Z0-9]*)(([A-Z][a-z0-9]+)+)$/, i.e. it is
//    ASCII alphanumeric, starts with a letter, and its last upper-case letter is neither the
//    first nor the last character;
//  - otherwise lower-cased, then each run of non-[a-zA-Z0-9] characters plus the character after
//    it (which must not be a line terminator) is replaced by that character upper-cased.
//    A run with nothing usable after it keeps its last separator.
// Examples: "product_variant" -> "productVariant", "ProductVariant" -> "ProductVariant",
//           "TESTING-CAMELIZE" -> "testingCamelize", "this_is-A-test ANOTHER" ->
//           "thisIsATestAnother", "Product" -> "product", "H264Widget" -> "H264Widget",
//           "a--" -> "a-".
// Medusa 2.0.0 used /^([a-zA-Z]+)(([A-Z]([a-z]+))+)$/ instead, which lower-cases names such as
// "H264Widget" and "OtpVerification2"; this port follows the newer behaviour.
// JavaScript matches per UTF-16 code unit and this port per code point; they differ only when
// no usable character follows a run and backtracking would split a non-BMP character, where
// JavaScript produces a lone surrogate: "a-\U0001F600" -> "a\U0001F600" here, while JavaScript
// yields "a" followed by a lone low surrogate.
std::string ToCamelCase(std::string_view s);

}  // namespace linkgraph::modules
