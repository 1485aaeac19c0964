// Identifier checks: the names of entities, fields, relations and link aliases
// (`[A-Za-z_][A-Za-z0-9_]*`, DESIGN.md §6), and the schema language's identifiers, which also
// allow `$` as JavaScript does. ASCII only, whatever the locale.
//
// Example:
//   IsIdentifier("product_reviews") == true;  IsIdentifier("2nd") == false
//   IsSchemaIdentifier("$meta") == true
#pragma once

#include <string_view>

namespace linkgraph::base {

// [A-Za-z_]
constexpr bool IsIdentifierStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// [A-Za-z0-9_]
constexpr bool IsIdentifierChar(char c) { return IsIdentifierStart(c) || (c >= '0' && c <= '9'); }

// True for `[A-Za-z_][A-Za-z0-9_]*`.
bool IsIdentifier(std::string_view s);

// True for `[A-Za-z_$][A-Za-z0-9_$]*`: a name the schema language may write without quotes.
bool IsSchemaIdentifier(std::string_view s);

}  // namespace linkgraph::base
