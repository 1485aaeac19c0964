#include "engine/types/value_convert.h"

#include <utility>

#include "absl/status/status.h"
#include "base/json_string.h"
#include "base/utf8.h"
#include "engine/store/string_arena.h"
#include "engine/types/datetime.h"
#include "engine/types/decimal.h"
#include "engine/types/float_format.h"
#include "engine/types/json_text.h"

namespace linkgraph::types {

namespace {

using Kind = InputValue::Kind;

bool IsNumeric(const InputValue& in) {
  return in.kind == Kind::kNumber || in.kind == Kind::kString;
}

// `expected <what> for '<column>', got <value>`.
absl::Status Expected(std::string_view what, std::string_view column, const InputValue& in) {
  std::string message = "expected ";
  message.append(what);
  message.append(" for '");
  message.append(base::TruncateUtf8(column, 64));
  message.append("', got ");
  message.append(ShowInput(in));
  return absl::InvalidArgumentError(message);
}

absl::Status CheckLength(std::string_view s) {
  if (s.size() > store::StringArena::kMaxStringBytes) {
    return absl::InvalidArgumentError(
        "text longer than " + std::to_string(store::StringArena::kMaxStringBytes) + " bytes");
  }
  return absl::OkStatus();
}

// The end of the JSON value starting at `i` in canonical (whitespace-free) JSON text.
size_t SkipCanonical(std::string_view json, size_t i) {
  size_t depth = 0;
  do {
    const char c = json[i];
    if (c == '"') {
      for (++i; json[i] != '"'; ++i) {
        if (json[i] == '\\') ++i;
      }
      ++i;
    } else if (c == '[' || c == '{') {
      ++depth;
      ++i;
    } else if (c == ']' || c == '}') {
      --depth;
      ++i;
    } else {
      while (i < json.size() && json[i] != ',' && json[i] != ']' && json[i] != '}' &&
             json[i] != ':') {
        ++i;
      }
    }
    if (depth > 0 && i < json.size() && (json[i] == ',' || json[i] == ':')) ++i;
  } while (depth > 0 && i < json.size());
  return i;
}

// A non-string element of canonical JSON text, as given (for the message refusing it).
InputValue CanonicalElement(std::string_view element) {
  if (element[0] == '[' || element[0] == '{') return InputValue::Document(element);
  if (element == "true" || element == "false") return InputValue::Bool(element == "true");
  if (element == "null") return InputValue::Null();
  return InputValue::Number(element);
}

}  // namespace

std::string ShowInput(const InputValue& in) {
  switch (in.kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return in.boolean ? "true" : "false";
    case Kind::kNumber:
      return std::string(base::TruncateUtf8(in.text, 64));
    case Kind::kString:
      return "'" + std::string(base::TruncateUtf8(in.text, 64)) + "'";
    case Kind::kArray:
      return "an array";
    case Kind::kObject:
      return "an object";
  }
  return "a value";
}

absl::StatusOr<std::string_view> TextInput(const InputValue& in, std::string_view column) {
  if (in.kind != Kind::kString) return Expected("a string", column, in);
  if (absl::Status s = CheckLength(in.text); !s.ok()) return s;
  return in.text;
}

absl::StatusOr<IntegerReading> NumberInput(const InputValue& in, std::string_view column) {
  if (!IsNumeric(in)) return Expected("a number", column, in);
  const std::optional<IntegerReading> r = ReadInteger(in.text);
  if (!r) return Expected("a number", column, in);
  return *r;
}

absl::StatusOr<int64_t> IntegerInput(const InputValue& in, std::string_view column) {
  absl::StatusOr<IntegerReading> r = NumberInput(in, column);
  if (!r.ok()) return r.status();
  if (r->exact()) return r->floor;
  if (!r->integral) return Expected("an integer", column, in);
  return absl::InvalidArgumentError("integer " + ShowInput(in) +
                                    " is outside the range -9223372036854775808 to "
                                    "9223372036854775807");
}

absl::StatusOr<double> FloatInput(const InputValue& in, std::string_view column) {
  if (!IsNumeric(in)) return Expected("a finite number", column, in);
  const FloatReading r = ReadFloat(in.text);
  switch (r.result) {
    case FloatReading::Result::kOk:
      return r.value == 0 ? 0.0 : r.value;  // -0 reads as 0
    case FloatReading::Result::kNotANumber:
      return Expected("a finite number", column, in);
    case FloatReading::Result::kTooLarge:
      return absl::InvalidArgumentError("float " + ShowInput(in) +
                                        " is too large for a double (largest "
                                        "1.7976931348623157e+308)");
    case FloatReading::Result::kTooSmall:
      return absl::InvalidArgumentError("float " + ShowInput(in) +
                                        " is too small for a double (it would read as 0; "
                                        "smallest 5e-324)");
  }
  return absl::InternalError("unknown float reading");
}

absl::StatusOr<std::string> BigNumberInput(const InputValue& in, std::string_view column) {
  if (!IsNumeric(in)) return Expected("a number", column, in);
  return NormalizeDecimal(in.text);
}

absl::StatusOr<bool> BooleanInput(const InputValue& in, std::string_view column) {
  if (in.kind != Kind::kBool) return Expected("true or false", column, in);
  return in.boolean;
}

absl::StatusOr<int64_t> DateTimeInput(const InputValue& in, std::string_view column) {
  if (in.kind == Kind::kNumber) return DateTimeFromEpochMillisText(in.text);
  if (in.kind == Kind::kString) return ParseDateTime(in.text);
  return Expected("a dateTime", column, in);
}

absl::StatusOr<int64_t> EnumInput(const InputValue& in, const catalog::ColumnDef& col) {
  if (in.kind != Kind::kString) return Expected("a string", col.name, in);
  return catalog::EnumCode(col, in.text);
}

absl::StatusOr<std::string> JsonInput(const InputValue& in) {
  absl::StatusOr<std::string> canonical;
  switch (in.kind) {
    case Kind::kNull:
      canonical = std::string("null");
      break;
    case Kind::kBool:
      canonical = std::string(in.boolean ? "true" : "false");
      break;
    case Kind::kString:
      canonical = CanonicalJson(base::QuoteJson(in.text));
      break;
    case Kind::kNumber:
    case Kind::kArray:
    case Kind::kObject:
      canonical = CanonicalJson(in.text);
      break;
  }
  if (!canonical.ok()) return canonical.status();
  if (absl::Status s = CheckLength(*canonical); !s.ok()) return s;
  return canonical;
}

absl::StatusOr<std::string> ArrayInput(const InputValue& in, std::string_view column) {
  if (in.kind != Kind::kArray) return Expected("an array of strings", column, in);
  absl::StatusOr<std::string> canonical = CanonicalJson(in.text);
  if (!canonical.ok()) return canonical.status();
  // Each element starts with a quote, or is refused as ArrayElementInput refuses it.
  const std::string_view json = *canonical;
  size_t i = 1;  // past '['
  while (i < json.size() && json[i] != ']') {
    const size_t end = SkipCanonical(json, i);
    if (json[i] != '"') {
      const std::string_view element = json.substr(i, end - i);
      return ArrayElementInput(CanonicalElement(element), column).status();
    }
    i = end;
    if (i < json.size() && json[i] == ',') ++i;
  }
  if (absl::Status s = CheckLength(json); !s.ok()) return s;
  return canonical;
}

absl::StatusOr<std::string_view> ArrayElementInput(const InputValue& in, std::string_view column) {
  if (in.kind != Kind::kString) {
    std::string message = "expected a string in array '";
    message.append(base::TruncateUtf8(column, 64));
    message.append("', got ");
    message.append(ShowInput(in));
    return absl::InvalidArgumentError(message);
  }
  return in.text;
}

absl::StatusOr<ConvertedValue> ConvertInput(const InputValue& in, const catalog::ColumnDef& col,
                                            InputUse use, std::string* scratch) {
  using catalog::ColumnType;
  ConvertedValue out;
  if (in.kind == Kind::kNull) {
    out.is_null = true;
    return out;
  }
  // Stores a normalized text in `*scratch` and points `out.s` at it.
  auto keep = [&](absl::StatusOr<std::string> text) -> absl::StatusOr<ConvertedValue> {
    if (!text.ok()) return text.status();
    *scratch = std::move(*text);
    out.s = *scratch;
    return out;
  };
  switch (col.type) {
    case ColumnType::kId:
    case ColumnType::kText: {
      absl::StatusOr<std::string_view> s = TextInput(in, col.name);
      if (!s.ok()) return s.status();
      out.s = *s;
      return out;
    }
    case ColumnType::kNumber: {
      if (use == InputUse::kWrite) {
        absl::StatusOr<int64_t> v = IntegerInput(in, col.name);
        if (!v.ok()) return v.status();
        out.i = *v;
        return out;
      }
      absl::StatusOr<IntegerReading> r = NumberInput(in, col.name);
      if (!r.ok()) return r.status();
      out.i = r->floor;
      out.inexact = !r->exact();
      out.beyond = r->range == IntegerReading::Range::kBelow   ? -1
                   : r->range == IntegerReading::Range::kAbove ? 1
                                                               : 0;
      return out;
    }
    case ColumnType::kFloat: {
      absl::StatusOr<double> f = FloatInput(in, col.name);
      if (!f.ok()) return f.status();
      out.f = *f;
      return out;
    }
    case ColumnType::kBigNumber:
      return keep(BigNumberInput(in, col.name));
    case ColumnType::kBoolean: {
      absl::StatusOr<bool> b = BooleanInput(in, col.name);
      if (!b.ok()) return b.status();
      out.i = *b ? 1 : 0;
      return out;
    }
    case ColumnType::kDateTime: {
      absl::StatusOr<int64_t> t = DateTimeInput(in, col.name);
      if (!t.ok()) return t.status();
      out.i = *t;
      return out;
    }
    case ColumnType::kEnum: {
      absl::StatusOr<int64_t> code = EnumInput(in, col);
      if (!code.ok()) return code.status();
      out.i = *code;
      out.s = in.text;
      return out;
    }
    case ColumnType::kJson:
      return keep(JsonInput(in));
    case ColumnType::kArray:
      return keep(ArrayInput(in, col.name));
  }
  return absl::InternalError("unknown column type");
}

}  // namespace linkgraph::types
