#include "modules/row_reader.h"

#include <algorithm>

#include "dsl/json_input.h"
#include "dsl/location.h"
#include "engine/catalog/suggest.h"
#include "linkgraph/status.h"
#include "modules/value_reader.h"

namespace linkgraph::modules {

using catalog::ColumnId;
using simdjson::ondemand::json_type;

RowReader::RowReader(const CatalogVersion& rules, catalog::EntityId entity, FieldStyle style,
                     StagedRows* out)
    : rules_(rules),
      entity_(rules.catalog.entity(entity)),
      style_(style),
      out_(out),
      given_(entity_.columns.size()) {}

absl::Status RowReader::ReadValue(simdjson::ondemand::value value, ColumnId col,
                                  const RowPlace& place, std::string_view key) {
  const catalog::ColumnDef& def = entity_.columns[col];
  store::Cell cell;
  absl::Status s = ReadCell(value, def, &scratch_, &cell);
  if (!s.ok()) return dsl::InvalidAt(dsl::Msg(s), FieldWhere(place.Format(), key, style_));
  if (cell.is_null && !def.nullable) {
    return dsl::InvalidAt("field '" + def.name + "' cannot be null",
                          FieldWhere(place.Format(), key, style_));
  }
  out_->Field(col, cell, catalog::IsStringStored(def.type),
              def.type == catalog::ColumnType::kFloat);
  return absl::OkStatus();
}

int64_t RowReader::FindNested(std::string_view key) const {
  for (size_t i = 0; i < rules_.nested.size(); ++i) {
    const NestedInfo& n = rules_.nested[i];
    if (n.owner == entity_.id && n.name == key) return static_cast<int64_t>(i);
  }
  return -1;
}

absl::Status RowReader::ReadFields(simdjson::ondemand::object object, const RowPlace& place,
                                   ColumnId from_parent) {
  std::fill(given_.begin(), given_.end(), 0);
  nested_.clear();
  if (from_parent != catalog::kNoColumn) {
    given_[from_parent] = 1;
    out_->FieldFromParent(from_parent);
  }
  for (auto field : object) {
    std::string_view key = field.unescaped_key().value();
    ColumnId col = entity_.ColumnIndex(key);
    if (col == catalog::kNoColumn) {
      // Rows of a hasMany, or ids of a manyToMany, written with their parent.
      const int64_t n = FindNested(key);
      if (n < 0) {
        return dsl::InvalidAt("unknown field '" + std::string(key) + "' on entity '" +
                                  entity_.name + "'; " +
                                  catalog::Suggest(key, entity_.ColumnNames()),
                              FieldWhere(place.Format(), key, style_));
      }
      const NestedInfo& info = rules_.nested[n];
      simdjson::ondemand::value v = field.value();
      if (v.type() != json_type::array) {
        return dsl::InvalidAt(info.many_to_many ? "expected an array of ids"
                                                : "expected an array of rows",
                              FieldWhere(place.Format(), key, style_));
      }
      nested_.push_back(Nested{&info, static_cast<uint32_t>(n), dsl::internal::RawJson(v),
                               std::string(key)});
      continue;
    }
    if (given_[col]) {
      return dsl::InvalidAt("duplicate key '" + std::string(key) + "'",
                            FieldWhere(place.Format(), key, style_));
    }
    given_[col] = 1;
    LG_RETURN_IF_ERROR(ReadValue(field.value(), col, place, key));
  }
  return absl::OkStatus();
}

// Runs `fn`, which stages one row; a simdjson error part way (a syntax error met while reading
// the row) drops what the row staged before it propagates.
template <typename Fn>
absl::Status RowReader::Staging(const Fn& fn) {
  const size_t mark = out_->Mark();
  try {
    return fn(mark);
  } catch (const simdjson::simdjson_error&) {
    out_->Truncate(mark);
    throw;
  }
}

absl::Status RowReader::Create(simdjson::ondemand::object object, const RowPlace& place,
                               ColumnId from_parent) {
  return Staging([&](size_t mark) { return CreateRow(object, place, from_parent, mark); });
}

absl::Status RowReader::CreateRow(simdjson::ondemand::object object, const RowPlace& place,
                                  ColumnId from_parent, size_t mark) {
  out_->BeginRow(place.n);
  absl::Status s = ReadFields(object, place, from_parent);
  if (!s.ok()) {
    out_->Truncate(mark);
    return s;
  }
  out_->EndRow();
  if (nested_.empty()) return absl::OkStatus();
  // Staging a nested row reuses this reader's members (a child of the same entity): keep ours.
  std::vector<Nested> nested = std::move(nested_);
  const std::string row_where = place.Format();
  for (const Nested& n : nested) LG_RETURN_IF_ERROR(StageNested(n, row_where));
  return absl::OkStatus();
}

absl::Status RowReader::StageNested(const Nested& n, const std::string& row_where) {
  const std::string where = FieldWhere(row_where, n.key, style_);
  out_->BeginNested(n.index);
  const catalog::EntityDef& child = rules_.catalog.entity(n.info->child);
  RowReader reader(rules_, n.info->child, style_, out_);
  simdjson::padded_string padded = dsl::internal::Padded(n.json);
  dsl::internal::ParserLease parser(padded.size());
  simdjson::ondemand::document doc = dsl::internal::Iterate(parser, padded);
  uint32_t i = 0;
  for (auto item : doc.get_array()) {
    const RowPlace place{&where, i++, RowPlace::Form::kIndexed, {}};
    simdjson::ondemand::value v = item.value();
    if (n.info->many_to_many) {
      // One pivot row per target id: its key to the parent, and the id given.
      const size_t mark = out_->Mark();
      out_->BeginRow(place.n);
      out_->FieldFromParent(n.info->child_fk);
      absl::Status s = reader.ReadValue(v, n.info->pivot_target_key, place,
                                        child.columns[n.info->pivot_target_key].name);
      if (!s.ok()) {
        out_->Truncate(mark);
        return s;
      }
      out_->EndRow();
      continue;
    }
    if (v.type() != json_type::object) {
      return dsl::InvalidAt("a nested row is a JSON object", place.Format());
    }
    LG_RETURN_IF_ERROR(reader.Create(v.get_object(), place, n.info->child_fk));
  }
  out_->EndNested();
  return absl::OkStatus();
}

absl::Status RowReader::RefuseNested(const RowPlace& place) const {
  return dsl::InvalidAt("nested rows can only be given on create",
                        FieldWhere(place.Format(), nested_[0].key, style_));
}

absl::Status RowReader::UpdateByKey(simdjson::ondemand::object object, const RowPlace& place) {
  return Staging([&](size_t mark) {
  out_->BeginRow(place.n);
  absl::Status s = ReadFields(object, place, catalog::kNoColumn);
  if (s.ok() && !nested_.empty()) s = RefuseNested(place);
  if (s.ok() && !given_[entity_.primary_key]) {
    s = dsl::InvalidAt("an update row needs its primary key '" +
                           entity_.columns[entity_.primary_key].name + "'",
                       place.Format());
  }
  if (!s.ok()) {
    out_->Truncate(mark);
    return s;
  }
  out_->EndRow();
  return absl::OkStatus();
  });
}

absl::Status RowReader::UpdateData(simdjson::ondemand::object data, const RowPlace& place) {
  return Staging([&](size_t mark) {
  out_->BeginRow(place.n);
  absl::Status s = ReadFields(data, place, catalog::kNoColumn);
  if (s.ok() && !nested_.empty()) s = RefuseNested(place);
  if (s.ok() && given_[entity_.primary_key]) {
    const std::string& pk = entity_.columns[entity_.primary_key].name;
    s = dsl::InvalidAt("cannot update the primary key '" + pk + "'",
                       FieldWhere(place.Format(), pk, style_));
  }
  if (!s.ok()) {
    out_->Truncate(mark);
    return s;
  }
  out_->EndRow();
  return absl::OkStatus();
  });
}

}  // namespace linkgraph::modules
