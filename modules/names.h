// Name helpers ported from Medusa's @medusajs/utils (packages/core/utils/src/common/):
// camelToSnakeCase, toPascalCase, upperCaseFirst, lowerCaseFirst and toCamelCase.
//
// Names reaching these functions are ASCII identifiers (registration checks them with
// base::IsIdentifier first), so the port is ASCII code: for ASCII input every result is the
// JavaScript original's, byte for byte. Non-ASCII input is not supported: bytes >= 0x80 are
// passed through unchanged, in order, and count as caseless characters that are neither letters,
// digits nor '_' (ToCamelCase moves over a whole UTF-8 sequence at once, so it never splits one).
// JavaScript would change the case of non-ASCII letters ("ÜberCool" -> "überCool" in
// LowerCaseFirst); these functions do not ("ÜberCool" stays "ÜberCool").
//
// Example:
//   std::string entity = CamelToSnakeCase("ProductVariant");  // "product_variant"
//   std::string type = ToPascalCase(entity);                    // "ProductVariant"
#pragma once

#include <string>
#include <string_view>

namespace linkgraph::modules {

// Medusa `camelToSnakeCase`: inserts '_' between every ASCII lower-case letter immediately
// followed by an ASCII upper-case letter (non-overlapping, left to right), then lower-cases the
// ASCII letters of the whole string. Digits and runs of capitals are not split.
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

// Medusa `upperCaseFirst`: the first byte upper-cased if it is an ASCII letter, the rest
// unchanged. "" -> "".
// Example: "product" -> "Product".
std::string UpperCaseFirst(std::string_view s);

// Medusa `lowerCaseFirst`: the first byte lower-cased if it is an ASCII letter, the rest
// unchanged. "" -> "".
// Example: "ProductVariant" -> "productVariant".
std::string LowerCaseFirst(std::string_view s);

// Medusa `toCamelCase` (current upstream, which lets PascalCase names contain digits):
//  - returned unchanged when it matches /^([a-zA-Z][a-zA-Z0-9]*)(([A-Z][a-z0-9]+)+)$/, i.e. it is
//    ASCII alphanumeric, starts with a letter, and its last upper-case letter is neither the
//    first nor the last character;
//  - otherwise lower-cased, then each run of non-[a-zA-Z0-9] characters plus the character after
//    it (which must not be '\n' or '\r') is replaced by that character upper-cased.
//    A run with nothing usable after it keeps its last separator.
// Examples: "product_variant" -> "productVariant", "ProductVariant" -> "ProductVariant",
//           "TESTING-CAMELIZE" -> "testingCamelize", "this_is-A-test ANOTHER" ->
//           "thisIsATestAnother", "Product" -> "product", "H264Widget" -> "H264Widget",
//           "a--" -> "a-".
// Medusa 2.0.0 used /^([a-zA-Z]+)(([A-Z]([a-z]+))+)$/ instead, which lower-cases names such as
// "H264Widget" and "OtpVerification2"; this port follows the newer behaviour.
// A non-ASCII character (a UTF-8 sequence, or a single byte that does not start one) is a
// separator like '-': "über_cool" -> "BerCool", as in JavaScript. When it is the character that
// follows a run it is kept whole and as it is: "a-é" -> "aé" (JavaScript: "aÉ"). JavaScript's
// other line terminators, U+2028 and U+2029, are ordinary characters here.
std::string ToCamelCase(std::string_view s);

}  // namespace linkgraph::modules
