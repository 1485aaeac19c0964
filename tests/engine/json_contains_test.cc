// types::JsonContains: PostgreSQL's jsonb @> over canonical JSON text (the examples of
// PostgreSQL's documentation, section 8.14.3, and the edges around them).
#include <catch2/catch.hpp>

#include "engine/types/json_contains.h"
#include "engine/types/json_text.h"

namespace {

bool Contains(std::string_view doc, std::string_view needle) {
  absl::StatusOr<std::string> d = linkgraph::types::CanonicalJson(doc);
  absl::StatusOr<std::string> n = linkgraph::types::CanonicalJson(needle);
  REQUIRE(d.ok());
  REQUIRE(n.ok());
  return linkgraph::types::JsonContains(*d, *n);
}

}  // namespace

TEST_CASE("json containment follows PostgreSQL's @>", "[types][json]") {
  CHECK(Contains(R"("foo")", R"("foo")"));
  CHECK(Contains("[1, 2, 3]", "[1, 3]"));
  CHECK(Contains("[1, 2, 3]", "[3, 1]"));
  CHECK(Contains("[1, 2, 3]", "[1, 2, 2]"));
  CHECK(Contains(R"({"product": "PostgreSQL", "version": 9.4, "jsonb": true})",
                 R"({"version": 9.4})"));
  CHECK_FALSE(Contains("[1, 2, [1, 3]]", "[1, 3]"));
  CHECK(Contains("[1, 2, [1, 3]]", "[[1, 3]]"));
  CHECK_FALSE(Contains(R"({"foo": {"bar": "baz"}})", R"({"bar": "baz"})"));
  CHECK(Contains(R"({"foo": {"bar": "baz"}})", R"({"foo": {}})"));
  CHECK(Contains(R"(["foo", "bar"])", R"("foo")"));
  CHECK_FALSE(Contains(R"("foo")", R"(["foo"])"));
  // The scalar exception holds at the top level only.
  CHECK_FALSE(Contains(R"({"a": ["x", "y"]})", R"({"a": "x"})"));
  CHECK(Contains(R"({"a": ["x", "y"]})", R"({"a": ["y"]})"));
  // Objects and arrays never contain each other; empty containers are contained by their kind.
  CHECK_FALSE(Contains(R"({"a": 1})", "[]"));
  CHECK_FALSE(Contains("[]", "{}"));
  CHECK(Contains(R"({"a": 1})", "{}"));
  CHECK(Contains("[1]", "[]"));
  CHECK_FALSE(Contains("[]", "[1]"));
  // Scalars: types must match; numbers compare by value; strings by their decoded text.
  CHECK_FALSE(Contains(R"(["1"])", "1"));
  CHECK_FALSE(Contains("[1]", R"("1")"));
  CHECK(Contains(R"({"n": 1.50})", R"({"n": 1.5e0})"));
  CHECK(Contains(R"({"s": "\u00e9\n"})", R"({"s": "é\u000a"})"));
  CHECK_FALSE(Contains(R"({"s": "ab"})", R"({"s": "a"})"));
  CHECK(Contains("[null, true]", "[true, null]"));
  CHECK_FALSE(Contains("[false]", "[null]"));
  // Nested: each needle element may match a different document element.
  CHECK(Contains(R"([{"a": 1, "b": 2}, {"c": 3}])", R"([{"c": 3}, {"b": 2}])"));
  CHECK_FALSE(Contains(R"([{"a": 1}, {"b": 2}])", R"([{"a": 1, "b": 2}])"));
  // Strings holding brackets and escaped quotes do not confuse the scanner.
  CHECK(Contains(R"({"k]": "v\"}", "x": [",", "]"]})", R"({"x": ["]"], "k]": "v\"}"})"));
}

TEST_CASE("json numbers compare by value", "[types][json]") {
  using linkgraph::types::JsonNumberEqual;
  CHECK(JsonNumberEqual("100", "1e2"));
  CHECK(JsonNumberEqual("100", "1.00E+2"));
  CHECK(JsonNumberEqual("0.015", "1.5e-2"));
  CHECK(JsonNumberEqual("-0", "0.000"));
  CHECK(JsonNumberEqual("-12.50", "-1250e-2"));
  CHECK_FALSE(JsonNumberEqual("12", "-12"));
  CHECK_FALSE(JsonNumberEqual("1.01", "1.1"));
  CHECK_FALSE(JsonNumberEqual("10", "1"));
  CHECK_FALSE(JsonNumberEqual("1e400", "1e401"));
  CHECK(JsonNumberEqual("123456789012345678901234567890", "1.2345678901234567890123456789e29"));
}
