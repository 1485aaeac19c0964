#include "modules/row_writer.h"

#include "dsl/location.h"
#include "engine/catalog/suggest.h"

namespace linkgraph::modules {

using catalog::ColumnDef;
using catalog::ColumnId;
using catalog::ColumnType;

RowWriter::RowWriter(Database::State* state, store::Transaction* txn, catalog::EntityId entity,
                     int64_t now_micros, FieldStyle style)
    : state_(state),
      txn_(txn),
      entity_(state->catalog.entity(entity)),
      table_(state->store.table(entity)),
      now_(now_micros),
      style_(style),
      cells_(entity_.columns.size()),
      given_(entity_.columns.size()),
      scratch_(entity_.columns.size()) {}

std::string RowWriter::FieldWhere(const std::string& where, std::string_view field) const {
  if (style_ == FieldStyle::kLine) return where + ", field '" + std::string(field) + "'";
  return where + "." + std::string(field);
}

absl::StatusOr<uint32_t> RowWriter::Create(simdjson::ondemand::object object,
                                           const std::string& where) {
  std::fill(given_.begin(), given_.end(), 0);
  for (auto field : object) {
    std::string_view key = field.unescaped_key().value();
    ColumnId col = entity_.ColumnIndex(key);
    std::string fwhere = FieldWhere(where, key);
    if (col == catalog::kNoColumn) {
      return dsl::InvalidAt("unknown field '" + std::string(key) + "' on entity '" +
                                entity_.name + "'; " +
                                catalog::Suggest(key, entity_.ColumnNames()),
                            fwhere);
    }
    if (given_[col]) return dsl::InvalidAt("duplicate key '" + std::string(key) + "'", fwhere);
    given_[col] = 1;
    absl::Status s = ReadCell(field.value(), entity_.columns[col], &scratch_[col], &cells_[col]);
    if (!s.ok()) return dsl::InvalidAt(dsl::Msg(s), fwhere);
  }
  absl::Status s = Fill(where);
  if (!s.ok()) return s;
  s = CheckKeys(where);
  if (!s.ok()) return s;
  return txn_->Append(entity_.id, cells_);
}

absl::Status RowWriter::Fill(const std::string& where) {
  const auto& defaults = state_->defaults[entity_.id];
  for (ColumnId c = 0; c < entity_.columns.size(); ++c) {
    const ColumnDef& def = entity_.columns[c];
    if (given_[c]) {
      if (cells_[c].is_null && !def.nullable) {
        return dsl::InvalidAt("field '" + def.name + "' cannot be null", FieldWhere(where, def.name));
      }
      continue;
    }
    if (c == entity_.primary_key && def.type == ColumnType::kId) {
      std::string& id = scratch_[c];
      id.clear();
      if (!def.id_prefix.empty()) {
        id = def.id_prefix;
        id.push_back('_');
      }
      state_->ids.Append(now_ / 1000, &id);
      cells_[c] = store::Cell::Str(id);
    } else if (c < defaults.size() && defaults[c]) {
      cells_[c] = defaults[c]->Get();
    } else if (def.default_now || c == entity_.created_at || c == entity_.updated_at) {
      cells_[c] = store::Cell::Int(now_);
    } else if (def.nullable) {
      cells_[c] = store::Cell::Null();
    } else {
      return dsl::InvalidAt("missing required field '" + def.name + "'", FieldWhere(where, def.name));
    }
  }
  return absl::OkStatus();
}

absl::Status RowWriter::CheckKeys(const std::string& where) {
  for (ColumnId c = 0; c < entity_.columns.size(); ++c) {
    const ColumnDef& def = entity_.columns[c];
    if (!def.primary_key && !def.unique) continue;
    const store::Cell& v = cells_[c];
    if (v.is_null) continue;
    const store::HashIndex::Posting* p = table_.hash_index(c)->Find(v);
    if (p == nullptr) continue;
    for (uint32_t row : *p) {
      // Primary keys are unique among all rows; unique values among live rows.
      if (def.primary_key || !table_.IsSoftDeleted(row)) {
        std::string shown = catalog::IsStringStored(def.type) ? std::string(v.s)
                                                              : std::to_string(v.i);
        return dsl::ErrorAt(absl::StatusCode::kAlreadyExists,
                            entity_.pascal + " with " + def.name + ": " + shown +
                                " already exists",
                            FieldWhere(where, def.name));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace linkgraph::modules
