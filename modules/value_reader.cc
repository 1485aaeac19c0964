#include "modules/value_reader.h"

#include "dsl/json_input.h"
#include "engine/types/value_convert.h"

namespace linkgraph::modules {

using simdjson::ondemand::json_type;

absl::Status ReadCell(simdjson::ondemand::value value, const catalog::ColumnDef& col,
                      std::string* scratch, store::Cell* out) {
  types::InputValue in;
  switch (value.type()) {
    case json_type::null:
      in = types::InputValue::Null();
      break;
    case json_type::boolean:
      in = types::InputValue::Bool(value.get_bool().value());
      break;
    case json_type::number:
      in = types::InputValue::Number(dsl::internal::RawJson(value));
      break;
    case json_type::string:
      in = types::InputValue::String(value.get_string().value());
      break;
    case json_type::array:
    case json_type::object:
      in = types::InputValue::Document(dsl::internal::RawJson(value));
      break;
  }
  absl::StatusOr<types::ConvertedValue> v =
      types::ConvertInput(in, col, types::InputUse::kWrite, scratch);
  if (!v.ok()) return v.status();
  if (v->is_null) {
    *out = store::Cell::Null();
  } else if (catalog::IsStringStored(col.type)) {
    *out = store::Cell::Str(v->s);
  } else if (col.type == catalog::ColumnType::kFloat) {
    *out = store::Cell::Float(v->f);
  } else {
    *out = store::Cell::Int(v->i);
  }
  return absl::OkStatus();
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
