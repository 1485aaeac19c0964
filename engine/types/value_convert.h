// Converting a given value to a column type's value (DESIGN.md §7 and §8): one function per type,
// used by writes, loads and defaults (modules/value_reader.cc) and by filters and parameters
// (engine/plan/bind_filter.cc), so that both accept exactly the same texts and refuse the others
// with the same message. Messages carry no location: the caller adds it (`rows[0].weight`,
// `filters.weight.$gt`, `line 1, column 31`, `parameter $min`).
//
// Where §7 does not say what a type accepts, the stricter reading holds for writes and filters
// alike (a float refuses a leading `+` and a nonzero value that a double rounds to 0).
//
// Example:
//   types::InputValue in = types::InputValue::String("12a");
//   absl::StatusOr<types::IntegerReading> r = types::NumberInput(in, "qty");
//   // r.status().message() == "expected a number for 'qty', got '12a'"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine/catalog/catalog.h"
#include "engine/types/integer_text.h"

namespace linkgraph::types {

// A value as given — a JSON value of a row, a default or a parameter, or a literal of a text
// filter — before it meets a column. Borrows its text.
struct InputValue {
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  // kNumber: the number as written (`4.50`, `1e3`); kString: the decoded text; kArray, kObject:
  // the JSON text of the document.
  std::string_view text;

  static InputValue Null() { return InputValue{}; }
  static InputValue Bool(bool b) { return InputValue{Kind::kBool, b, {}}; }
  static InputValue Number(std::string_view t) { return InputValue{Kind::kNumber, false, t}; }
  static InputValue String(std::string_view t) { return InputValue{Kind::kString, false, t}; }
  // A JSON array or object by its text (the kind from its first character).
  static InputValue Document(std::string_view json) {
    return InputValue{!json.empty() && json[0] == '[' ? Kind::kArray : Kind::kObject, false, json};
  }
};

// The value as messages show it: `null`, `true`, `4.5`, `'text'` (number and string text cut to
// 64 bytes), `an array`, `an object`.
std::string ShowInput(const InputValue& in);

// Each function below converts one non-null value for the column named `column` (named in the
// messages), or returns InvalidArgument without location.

// id and text: a string, at most store::StringArena::kMaxStringBytes bytes (the text is
// returned, borrowed from `in`). `expected a string for 'title', got 5`;
// `text longer than 16777215 bytes`.
absl::StatusOr<std::string_view> TextInput(const InputValue& in, std::string_view column);

// number, as far as filters read it: a number or a string that is wholly one (`4`, `'4'`,
// `4.0`, `+4`, `1e3`), read exactly (integer_text.h), whatever its range and fraction.
// `expected a number for 'rating', got 'high'`.
absl::StatusOr<IntegerReading> NumberInput(const InputValue& in, std::string_view column);

// number, as writes store it: NumberInput's value, which must be an int64 exactly.
// `expected an integer for 'rating', got 4.5`;
// `integer 1e19 is outside the range -9223372036854775808 to 9223372036854775807`.
absl::StatusOr<int64_t> IntegerInput(const InputValue& in, std::string_view column);

// float: a number or a string that is wholly one, in std::from_chars's general format without a
// leading `+` (`1.5`, `-2`, `1e-7`, `.5`, `5.`), read to the nearest double; -0 reads as 0.
// `expected a finite number for 'weight', got 'heavy'` (also `'NaN'`, `'Infinity'`, `'+1.5'`);
// `float 1e999 is too large for a double (largest 1.7976931348623157e+308)`;
// `float 1e-400 is too small for a double (it would read as 0; smallest 5e-324)`.
absl::StatusOr<double> FloatInput(const InputValue& in, std::string_view column);

// bigNumber: a number or a numeric string, normalized by NormalizeDecimal (decimal.h, whose
// messages it returns). `expected a number for 'price', got true`.
absl::StatusOr<std::string> BigNumberInput(const InputValue& in, std::string_view column);

// boolean: true or false. `expected true or false for 'active', got 'yes'`.
absl::StatusOr<bool> BooleanInput(const InputValue& in, std::string_view column);

// dateTime (µs since the epoch): ISO-8601 text (ParseDateTime) or epoch milliseconds
// (DateTimeFromEpochMillisText), with their messages (datetime.h).
// `expected a dateTime for 'released', got true`.
absl::StatusOr<int64_t> DateTimeInput(const InputValue& in, std::string_view column);

// enum: one of `col`'s values, as its dictionary code (catalog::EnumCode, with its message).
// `expected a string for 'status', got 5`.
absl::StatusOr<int64_t> EnumInput(const InputValue& in, const catalog::ColumnDef& col);

// json: any JSON value, as canonical compact text (CanonicalJson, json_text.h, with its
// messages); at most kMaxStringBytes bytes.
absl::StatusOr<std::string> JsonInput(const InputValue& in);

// array: a JSON array of strings, as canonical compact text. `expected an array of strings for
// 'tags', got 'red'`; an element that is not a string: ArrayElementInput's message.
absl::StatusOr<std::string> ArrayInput(const InputValue& in, std::string_view column);

// One element of an array (a written array's, or one `$contains` looks for): a string.
// `expected a string in array 'tags', got 5`.
absl::StatusOr<std::string_view> ArrayElementInput(const InputValue& in, std::string_view column);

// ---- By column -----------------------------------------------------------------------------

// What the value is converted for: a number column keeps only exact int64 values on write, and
// compares with any number in a filter (DESIGN.md §7).
enum class InputUse : uint8_t { kWrite, kFilter };

// A converted value. Which members are meaningful depends on the column type, as in
// store::Cell: `i` for number, dateTime, boolean and enum (its code); `f` for float; `s` for id,
// text, bigNumber, json and array, and for enum (its text).
struct ConvertedValue {
  bool is_null = false;
  int64_t i = 0;
  double f = 0;
  std::string_view s;  // borrowed from the input or held in the caller's scratch string
  // number columns under InputUse::kFilter: `i` is the value's floor; `inexact` when no int64
  // equals it, `beyond` -1 / 1 when it lies below / above the int64 range (IntegerReading).
  bool inexact = false;
  int8_t beyond = 0;
};

// Converts `in` for `col` with the function of its type above; null converts to is_null (the
// caller decides whether null is allowed). `*scratch` holds the text of normalized values
// (bigNumber, json, array) and must outlive the use of the result. json and array values are
// converted as writes store them (filters refuse comparing them before converting).
absl::StatusOr<ConvertedValue> ConvertInput(const InputValue& in, const catalog::ColumnDef& col,
                                            InputUse use, std::string* scratch);

}  // namespace linkgraph::types
