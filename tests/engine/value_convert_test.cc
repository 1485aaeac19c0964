// types::ConvertInput, the one conversion of given values for writes and filters: per type, the
// texts accepted and the message of each refusal, and a write (InputUse::kWrite) and a filter
// (InputUse::kFilter) agreeing on both — number columns aside, whose filters also compare
// non-integral values and values beyond the int64 range (DESIGN.md §7).
#include "engine/types/value_convert.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

namespace {

using linkgraph::catalog::ColumnDef;
using linkgraph::catalog::ColumnType;
using linkgraph::types::ConvertedValue;
using linkgraph::types::ConvertInput;
using linkgraph::types::InputUse;
using linkgraph::types::InputValue;

ColumnDef Column(ColumnType type) {
  ColumnDef c;
  c.name = "c";
  c.type = type;
  if (type == ColumnType::kEnum) c.enum_values = {"draft", "published"};
  return c;
}

// The message of converting `in` for a `type` column, or "ok".
std::string Outcome(const InputValue& in, ColumnType type, InputUse use) {
  std::string scratch;
  absl::StatusOr<ConvertedValue> v = ConvertInput(in, Column(type), use, &scratch);
  return v.ok() ? "ok" : std::string(v.status().message());
}

// Converts `in` as a write and as a filter; both give `expected` ("ok" or the message).
void Same(const InputValue& in, ColumnType type, const std::string& expected) {
  INFO("type " << static_cast<int>(type) << ", text '" << in.text << "'");
  CHECK(Outcome(in, type, InputUse::kWrite) == expected);
  CHECK(Outcome(in, type, InputUse::kFilter) == expected);
}

InputValue N(std::string_view t) { return InputValue::Number(t); }
InputValue S(std::string_view t) { return InputValue::String(t); }

}  // namespace

TEST_CASE("types/ConvertInput: float texts are the same for writes and filters",
          "[types][convert]") {
  const ColumnType f = ColumnType::kFloat;
  for (const char* text : {"1.5", "-2", "1e-7", ".5", "5.", "0", "-0", "1e-310", "4.9e-324"}) {
    Same(N(text), f, "ok");
    Same(S(text), f, "ok");
  }
  Same(S("+1.5"), f, "expected a finite number for 'c', got '+1.5'");
  Same(S("heavy"), f, "expected a finite number for 'c', got 'heavy'");
  Same(S("NaN"), f, "expected a finite number for 'c', got 'NaN'");
  Same(S("-Infinity"), f, "expected a finite number for 'c', got '-Infinity'");
  Same(S(" 1"), f, "expected a finite number for 'c', got ' 1'");
  Same(InputValue::Bool(true), f, "expected a finite number for 'c', got true");
  Same(InputValue::Document("[1]"), f, "expected a finite number for 'c', got an array");
  Same(N("1e-400"), f,
       "float 1e-400 is too small for a double (it would read as 0; smallest 5e-324)");
  Same(S("1e-400"), f,
       "float '1e-400' is too small for a double (it would read as 0; smallest 5e-324)");
  Same(N("-1e999"), f, "float -1e999 is too large for a double (largest 1.7976931348623157e+308)");
  std::string scratch;
  absl::StatusOr<ConvertedValue> zero =
      ConvertInput(N("-0"), Column(f), InputUse::kWrite, &scratch);
  REQUIRE(zero.ok());
  CHECK_FALSE(std::signbit(zero->f));  // -0 reads as 0
}

TEST_CASE("types/ConvertInput: number", "[types][convert]") {
  const ColumnType n = ColumnType::kNumber;
  for (const char* text : {"4", "-12", "4.0", "1e3", "+4"}) {
    Same(N(text), n, "ok");
    Same(S(text), n, "ok");
  }
  Same(S("12a"), n, "expected a number for 'c', got '12a'");
  Same(S(""), n, "expected a number for 'c', got ''");
  Same(InputValue::Bool(false), n, "expected a number for 'c', got false");
  // Filters compare these; writes refuse them.
  CHECK(Outcome(N("4.5"), n, InputUse::kWrite) == "expected an integer for 'c', got 4.5");
  CHECK(Outcome(S("4.5"), n, InputUse::kWrite) == "expected an integer for 'c', got '4.5'");
  CHECK(Outcome(N("1e19"), n, InputUse::kWrite) ==
        "integer 1e19 is outside the range -9223372036854775808 to 9223372036854775807");
  std::string scratch;
  absl::StatusOr<ConvertedValue> v = ConvertInput(N("4.5"), Column(n), InputUse::kFilter, &scratch);
  REQUIRE(v.ok());
  CHECK(v->i == 4);
  CHECK(v->inexact);
  v = ConvertInput(N("-1e30"), Column(n), InputUse::kFilter, &scratch);
  REQUIRE(v.ok());
  CHECK(v->beyond == -1);
}

TEST_CASE("types/ConvertInput: text and id and boolean and enum and bigNumber and dateTime",
          "[types][convert]") {
  Same(S("x"), ColumnType::kText, "ok");
  Same(N("5"), ColumnType::kText, "expected a string for 'c', got 5");
  Same(N("5"), ColumnType::kId, "expected a string for 'c', got 5");
  Same(S(std::string(100, 'x')), ColumnType::kText, "ok");
  Same(InputValue::Document("{}"), ColumnType::kText, "expected a string for 'c', got an object");
  Same(InputValue::Bool(true), ColumnType::kBoolean, "ok");
  Same(S("yes"), ColumnType::kBoolean, "expected true or false for 'c', got 'yes'");
  Same(N("1"), ColumnType::kBoolean, "expected true or false for 'c', got 1");
  Same(S("draft"), ColumnType::kEnum, "ok");
  Same(N("1"), ColumnType::kEnum, "expected a string for 'c', got 1");
  Same(S("gone"), ColumnType::kEnum,
       "'gone' is not a value of enum 'c' (values: draft, published)");
  Same(S("+0019.990"), ColumnType::kBigNumber, "ok");
  Same(InputValue::Bool(true), ColumnType::kBigNumber, "expected a number for 'c', got true");
  Same(S("abc"), ColumnType::kBigNumber, "invalid bigNumber 'abc'");
  Same(S("2026-01-02"), ColumnType::kDateTime, "ok");
  Same(N("1767323045000"), ColumnType::kDateTime, "ok");
  Same(N("1.5"), ColumnType::kDateTime, "expected epoch milliseconds, got 1.5");
  Same(S("soon"), ColumnType::kDateTime, "invalid dateTime 'soon'");
  Same(InputValue::Bool(true), ColumnType::kDateTime, "expected a dateTime for 'c', got true");
  // A long text is shown cut to 64 bytes.
  Same(S(std::string(100, 'y')), ColumnType::kBoolean,
       "expected true or false for 'c', got '" + std::string(64, 'y') + "'");
}

TEST_CASE("types/ConvertInput: json and array", "[types][convert]") {
  std::string scratch;
  auto text = [&](const InputValue& in, ColumnType type) {
    absl::StatusOr<ConvertedValue> v = ConvertInput(in, Column(type), InputUse::kWrite, &scratch);
    return v.ok() ? std::string(v->s) : "error: " + std::string(v.status().message());
  };
  CHECK(text(InputValue::Document("{ \"a\" : [1, 2.50] }"), ColumnType::kJson) ==
        "{\"a\":[1,2.50]}");
  CHECK(text(S("say \"hi\""), ColumnType::kJson) == "\"say \\\"hi\\\"\"");
  CHECK(text(N("1e3"), ColumnType::kJson) == "1e3");
  CHECK(text(InputValue::Bool(false), ColumnType::kJson) == "false");
  CHECK(text(InputValue::Document("[\"a\", \"b\\\"]\"]"), ColumnType::kArray) ==
        "[\"a\",\"b\\\"]\"]");
  CHECK(text(InputValue::Document("[]"), ColumnType::kArray) == "[]");
  CHECK(text(S("a"), ColumnType::kArray) == "error: expected an array of strings for 'c', got 'a'");
  CHECK(text(InputValue::Document("[\"a\", 5]"), ColumnType::kArray) ==
        "error: expected a string in array 'c', got 5");
  CHECK(text(InputValue::Document("[\"a\", {\"b\": [1]}, 2]"), ColumnType::kArray) ==
        "error: expected a string in array 'c', got an object");
  CHECK(text(InputValue::Document("[[\"a\"]]"), ColumnType::kArray) ==
        "error: expected a string in array 'c', got an array");
  CHECK(text(InputValue::Document("[null]"), ColumnType::kArray) ==
        "error: expected a string in array 'c', got null");
  CHECK(text(InputValue::Document("[true]"), ColumnType::kArray) ==
        "error: expected a string in array 'c', got true");
}
