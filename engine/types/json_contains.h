// JSON containment, as PostgreSQL's jsonb `@>`, over canonical compact JSON text.
//
// `doc` contains `needle` when:
// - both are objects and each member of `needle` has a member of `doc` with the same key whose
//   value contains the needle's value (`{"a":1,"b":{"c":2}}` contains `{"b":{}}`);
// - both are arrays and each element of `needle` is contained in some element of `doc`, in any
//   order, duplicates ignored (`[1,2,[3,4]]` contains `[[3],1,1]` but not `[3]`);
// - both are scalars and equal: strings by their text, numbers by value (`1.50` == `1.5e0`),
//   true, false, null;
// - at the top level only, `doc` is an array and `needle` a scalar equal to one of its elements
//   (`["a","b"]` contains `"a"`).
// Anything else is not contained (an object never contains an array, nor an array an object).
//
// Example:
//   JsonContains(R"({"color":"red","sizes":["S","M"]})", R"({"sizes":["M"]})")  // true
#pragma once

#include <string_view>

namespace linkgraph::types {

// REQUIRES: `doc` and `needle` are outputs of CanonicalJson (no whitespace, canonical string
// escapes, unique keys). Does not allocate; O(|doc| × |needle|) at worst.
bool JsonContains(std::string_view doc, std::string_view needle);

// True when the JSON numbers `a` and `b` (RFC 8259 syntax) have the same value
// (`-0` == `0`, `100` == `1e2` == `1.00E+2`).
bool JsonNumberEqual(std::string_view a, std::string_view b);

}  // namespace linkgraph::types
