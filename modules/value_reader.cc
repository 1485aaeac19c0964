#include "modules/value_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/utf8.h"
#include "dsl/json_input.h"
#include "engine/store/string_arena.h"
#include "engine/types/datetime.h"
#include "engine/types/decimal.h"
#include "engine/types/integer_text.h"
#include "engine/types/json_text.h"

namespace linkgraph::modules {

namespace {

using catalog::ColumnType;
using simdjson::ondemand::json_type;

std::string TypeName(json_type t) {
  switch (t) {
    case json_type::array: return "an array";
    case json_type::object: return "an object";
    case json_type::number: return "a number";
    case json_type::string: return "a string";
    case json_type::boolean: return "a boolean";
    case json_type::null: return "null";
  }
  return "a value";
}

absl::Status Expected(std::string_view what, json_type got) {
  return absl::InvalidArgumentError("expected " + std::string(what) + ", got " + TypeName(got));
}

std::string_view Trim(std::string_view raw) {
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' ||
                          raw.back() == '\t')) {
    raw.remove_suffix(1);
  }
  return raw;
}

// The int64 a number text denotes exactly ("4", "4.0", "-12", "1e3"), never through a double:
// `4.0000000000000001` is not an integer. `quoted`: the text came as a JSON string.
absl::StatusOr<int64_t> IntegerFromText(std::string_view text, bool quoted) {
  const std::optional<types::IntegerReading> r = types::ReadInteger(text);
  if (r && r->exact()) return r->floor;
  std::string shown = quoted ? "'" : "";
  shown.append(base::TruncateUtf8(text, 64));
  if (quoted) shown.push_back('\'');
  if (!r || !r->integral) return absl::InvalidArgumentError("expected an integer, got " + shown);
  return absl::InvalidArgumentError("integer " + shown +
                                    " is outside the range -9223372036854775808 to "
                                    "9223372036854775807");
}

absl::Status CheckString(std::string_view s) {
  if (s.size() > store::StringArena::kMaxStringBytes) {
    return absl::InvalidArgumentError("text longer than " +
                                      std::to_string(store::StringArena::kMaxStringBytes) +
                                      " bytes");
  }
  return absl::OkStatus();
}

// True when `canonical` (CanonicalJson's compact text of an array) holds only strings: each
// element starts with a quote, and the string's end is found by its escapes alone. Scans the
// text once instead of parsing it again.
bool IsArrayOfStrings(std::string_view canonical) {
  size_t i = 1;  // past '['
  if (canonical.size() == 2) return true;  // []
  while (i < canonical.size()) {
    if (canonical[i] != '"') return false;
    for (++i; canonical[i] != '"'; ++i) {
      if (canonical[i] == '\\') ++i;
    }
    ++i;  // past the closing quote: ',' or the final ']'
    if (canonical[i] == ']') return true;
    ++i;
  }
  return false;
}

}  // namespace

absl::Status ReadCell(simdjson::ondemand::value value, const catalog::ColumnDef& col,
                      std::string* scratch, store::Cell* out) {
  json_type t = value.type();
  if (t == json_type::null) {
    *out = store::Cell::Null();
    return absl::OkStatus();
  }
  switch (col.type) {
    case ColumnType::kId:
    case ColumnType::kText: {
      if (t != json_type::string) return Expected("a string", t);
      std::string_view s = value.get_string().value();
      absl::Status st = CheckString(s);
      if (!st.ok()) return st;
      *out = store::Cell::Str(s);
      return absl::OkStatus();
    }
    case ColumnType::kNumber: {
      std::string_view text;
      if (t == json_type::number) {
        text = Trim(value.raw_json_token());
      } else if (t == json_type::string) {
        text = value.get_string().value();
      } else {
        return Expected("an integer", t);
      }
      absl::StatusOr<int64_t> v = IntegerFromText(text, t == json_type::string);
      if (!v.ok()) return v.status();
      *out = store::Cell::Int(*v);
      return absl::OkStatus();
    }
    case ColumnType::kFloat: {
      if (t != json_type::number && t != json_type::string) return Expected("a number", t);
      std::string_view text =
          t == json_type::number ? Trim(value.raw_json_token()) : value.get_string().value();
      double d = 0;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
      if (ec != std::errc() || p != text.data() + text.size() || !std::isfinite(d)) {
        return absl::InvalidArgumentError("expected a finite number, got '" +
                                          std::string(base::TruncateUtf8(text, 64)) + "'");
      }
      *out = store::Cell::Float(d == 0 ? 0.0 : d);  // -0 is stored as 0
      return absl::OkStatus();
    }
    case ColumnType::kBigNumber: {
      if (t != json_type::number && t != json_type::string) return Expected("a number", t);
      std::string_view text =
          t == json_type::number ? Trim(value.raw_json_token()) : value.get_string().value();
      absl::StatusOr<std::string> d = types::NormalizeDecimal(text);
      if (!d.ok()) return d.status();
      *scratch = std::move(*d);
      *out = store::Cell::Str(*scratch);
      return absl::OkStatus();
    }
    case ColumnType::kBoolean:
      if (t != json_type::boolean) return Expected("true or false", t);
      *out = store::Cell::Int(value.get_bool().value() ? 1 : 0);
      return absl::OkStatus();
    case ColumnType::kDateTime: {
      if (t == json_type::number) {
        absl::StatusOr<int64_t> v = types::DateTimeFromEpochMillisText(Trim(value.raw_json_token()));
        if (!v.ok()) return v.status();
        *out = store::Cell::Int(*v);
        return absl::OkStatus();
      }
      if (t != json_type::string) return Expected("a dateTime", t);
      absl::StatusOr<int64_t> v = types::ParseDateTime(value.get_string().value());
      if (!v.ok()) return v.status();
      *out = store::Cell::Int(*v);
      return absl::OkStatus();
    }
    case ColumnType::kEnum: {
      if (t != json_type::string) return Expected("a string", t);
      absl::StatusOr<int64_t> code = catalog::EnumCode(col, value.get_string().value());
      if (!code.ok()) return code.status();
      *out = store::Cell::Int(*code);
      return absl::OkStatus();
    }
    case ColumnType::kJson:
    case ColumnType::kArray: {
      if (col.type == ColumnType::kArray && t != json_type::array) {
        return Expected("an array of strings", t);
      }
      std::string_view raw = dsl::internal::RawJson(value);
      absl::StatusOr<std::string> canon = types::CanonicalJson(raw);
      if (!canon.ok()) return canon.status();
      if (col.type == ColumnType::kArray && !IsArrayOfStrings(*canon)) {
        return absl::InvalidArgumentError("array elements must be strings");
      }
      absl::Status st = CheckString(*canon);
      if (!st.ok()) return st;
      *scratch = std::move(*canon);
      *out = store::Cell::Str(*scratch);
      return absl::OkStatus();
    }
  }
  return absl::InternalError("unknown column type");
}

absl::Status ReadOwnedCell(std::string_view json, const catalog::ColumnDef& column,
                           OwnedCell* out) {
  // Wrapped in an array so that scalar documents read as values.
  simdjson::padded_string padded = dsl::internal::Padded("[" + std::string(json) + "]");
  dsl::internal::ParserLease parser(padded.size());
  try {
    simdjson::ondemand::document doc = dsl::internal::Iterate(parser, padded);
    size_t n = 0;
    for (auto item : doc.get_array()) {
      if (n++) return absl::InvalidArgumentError("a default is one JSON value");
      std::string scratch;
      store::Cell cell;
      absl::Status s = ReadCell(item.value(), column, &scratch, &cell);
      if (!s.ok()) return s;
      out->cell = cell;
      if (!cell.is_null && catalog::IsStringStored(column.type)) {
        out->storage = std::string(cell.s);
        out->owns_text = true;
      }
    }
    if (n == 0) return absl::InvalidArgumentError("a default is one JSON value");
  } catch (const simdjson::simdjson_error& e) {
    dsl::internal::RethrowIfOutOfMemory(e);
    return absl::InvalidArgumentError(std::string("invalid JSON: ") +
                                      simdjson::error_message(e.error()));
  }
  return absl::OkStatus();
}

}  // namespace linkgraph::modules
