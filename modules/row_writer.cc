#include "modules/row_writer.h"

#include <algorithm>

#include "base/json_string.h"
#include "dsl/json_input.h"
#include "dsl/location.h"
#include "engine/catalog/suggest.h"
#include "engine/types/hash_grow.h"
#include "linkgraph/status.h"

namespace linkgraph::modules {

using catalog::ColumnDef;
using catalog::ColumnId;
using catalog::ColumnType;

RowWriter::RowWriter(CommitContext* ctx, store::Transaction* txn, catalog::EntityId entity,
                     FieldStyle style)
    : ctx_(ctx),
      txn_(txn),
      entity_(ctx->rules.catalog.entity(entity)),
      table_(ctx->store.table(entity)),
      now_(ctx->now),
      style_(style),
      remember_(std::any_of(ctx->rules.belongs_to.begin(), ctx->rules.belongs_to.end(),
                            [&](const BelongsToInfo& b) { return b.owner == entity; })),
      cells_(entity_.columns.size()),
      given_(entity_.columns.size()),
      scratch_(entity_.columns.size()) {}

std::string RowWriter::FieldWhere(const std::string& where, std::string_view field) const {
  if (style_ == FieldStyle::kLine) return where + ", field '" + std::string(field) + "'";
  return where + "." + std::string(field);
}

absl::Status RowWriter::ReadFields(simdjson::ondemand::object object, const std::string& where) {
  std::fill(given_.begin(), given_.end(), 0);
  nested_.clear();
  for (auto field : object) {
    std::string_view key = field.unescaped_key().value();
    ColumnId col = entity_.ColumnIndex(key);
    std::string fwhere = FieldWhere(where, key);
    if (col == catalog::kNoColumn) {
      // Rows of a hasMany, or ids of a manyToMany, written with their parent.
      const NestedInfo* nested = nullptr;
      for (const NestedInfo& n : ctx_->rules.nested) {
        if (n.owner == entity_.id && n.name == key) nested = &n;
      }
      if (nested != nullptr) {
        simdjson::ondemand::value v = field.value();
        if (v.type() != simdjson::ondemand::json_type::array) {
          return dsl::InvalidAt(std::string(nested->many_to_many ? "expected an array of ids"
                                                                 : "expected an array of rows"),
                                fwhere);
        }
        nested_.push_back(Nested{nested, std::string(dsl::internal::RawJson(v)), fwhere});
        continue;
      }
      return dsl::InvalidAt("unknown field '" + std::string(key) + "' on entity '" +
                                entity_.name + "'; " +
                                catalog::Suggest(key, entity_.ColumnNames()),
                            fwhere);
    }
    if (given_[col]) return dsl::InvalidAt("duplicate key '" + std::string(key) + "'", fwhere);
    given_[col] = 1;
    absl::Status s = ReadCell(field.value(), entity_.columns[col], &scratch_[col], &cells_[col]);
    if (!s.ok()) return dsl::InvalidAt(dsl::Msg(s), fwhere);
    if (cells_[col].is_null && !entity_.columns[col].nullable) {
      return dsl::InvalidAt("field '" + entity_.columns[col].name + "' cannot be null", fwhere);
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<uint32_t> RowWriter::Create(simdjson::ondemand::object object,
                                           const std::string& where) {
  LG_RETURN_IF_ERROR(ReadFields(object, where));
  LG_RETURN_IF_ERROR(Fill(where));
  LG_RETURN_IF_ERROR(CheckUnique(where, -1));
  uint32_t row = txn_->Append(entity_.id, cells_);
  Remember(row, where);
  std::vector<Nested> nested = std::move(nested_);
  if (!nested.empty()) LG_RETURN_IF_ERROR(CreateNested(row, nested));
  return row;
}

void RowWriter::Remember(uint32_t row, const std::string& where) {
  // Only rows whose belongsTo values are checked at the end of the batch need their location.
  if (!remember_) return;
  types::GrowBeforeInsert(ctx_->write_where);
  ctx_->write_where.emplace((uint64_t{entity_.id} << 32) | row, where);
}

absl::Status RowWriter::CreateNested(uint32_t row, const std::vector<Nested>& nested) {
  const store::Column& pk = table_.pk_column();
  std::string pk_json = catalog::IsStringStored(pk.type()) ? base::QuoteJson(pk.GetString(row))
                                                           : std::to_string(pk.GetInt(row));
  for (const Nested& n : nested) {
    const catalog::EntityDef& child = ctx_->rules.catalog.entity(n.info->child);
    std::string key_json = base::QuoteJson(child.columns[n.info->child_fk].name) + ":" + pk_json;
    simdjson::padded_string padded = dsl::internal::Padded(n.json);
    dsl::internal::ParserLease parser(padded.size());
    simdjson::ondemand::document doc = dsl::internal::Iterate(parser, padded);
    size_t i = 0;
    RowWriter writer(ctx_, txn_, n.info->child, style_);
    for (auto item : doc.get_array()) {
      std::string where = n.where + "[" + std::to_string(i++) + "]";
      std::string json;
      simdjson::ondemand::value v = item.value();
      if (n.info->many_to_many) {
        // One pivot row per target id.
        json = "{" + key_json + "," +
               base::QuoteJson(child.columns[n.info->pivot_target_key].name) + ":" +
               std::string(dsl::internal::RawJson(v)) + "}";
      } else {
        if (v.type() != simdjson::ondemand::json_type::object) {
          return dsl::InvalidAt("a nested row is a JSON object", where);
        }
        std::string inner(dsl::internal::RawJson(v));
        size_t open = inner.find('{'), close = inner.rfind('}');
        std::string body = inner.substr(open + 1, close - open - 1);
        json = "{" + key_json + (body.find_first_not_of(" \t\r\n") == std::string::npos ? "" : "," + body) + "}";
      }
      simdjson::padded_string child_padded = dsl::internal::Padded(json);
      dsl::internal::ParserLease child_parser(child_padded.size());
      simdjson::ondemand::document child_doc = dsl::internal::Iterate(child_parser, child_padded);
      absl::StatusOr<uint32_t> created = writer.Create(child_doc.get_object(), where);
      if (!created.ok()) return created.status();
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<uint32_t> RowWriter::UpdateByKey(simdjson::ondemand::object object,
                                                const std::string& where) {
  LG_RETURN_IF_ERROR(ReadFields(object, where));
  if (!nested_.empty()) {
    return dsl::InvalidAt("nested rows can only be given on create", nested_[0].where);
  }
  ColumnId pk = entity_.primary_key;
  const std::string& pk_name = entity_.columns[pk].name;
  if (!given_[pk]) {
    return dsl::InvalidAt("an update row needs its primary key '" + pk_name + "'", where);
  }
  int64_t row = table_.FindByPk(cells_[pk]);
  if (row < 0 || table_.IsSoftDeleted(static_cast<uint32_t>(row))) {
    std::string shown = catalog::IsStringStored(entity_.columns[pk].type)
                            ? std::string(cells_[pk].s)
                            : std::to_string(cells_[pk].i);
    return dsl::ErrorAt(absl::StatusCode::kNotFound,
                        entity_.pascal + " with " + pk_name + ": " + shown + " was not found",
                        FieldWhere(where, pk_name));
  }
  given_[pk] = 0;  // the key names the row; it is not written
  LG_RETURN_IF_ERROR(UpdateRow(static_cast<uint32_t>(row), where));
  return static_cast<uint32_t>(row);
}

absl::Status RowWriter::ReadUpdate(simdjson::ondemand::object data, const std::string& where) {
  LG_RETURN_IF_ERROR(ReadFields(data, where));
  if (!nested_.empty()) {
    return dsl::InvalidAt("nested rows can only be given on create", nested_[0].where);
  }
  if (given_[entity_.primary_key]) {
    return dsl::InvalidAt("cannot update the primary key '" +
                              entity_.columns[entity_.primary_key].name + "'",
                          FieldWhere(where, entity_.columns[entity_.primary_key].name));
  }
  return absl::OkStatus();
}

absl::Status RowWriter::UpdateRow(uint32_t row, const std::string& where) {
  LG_RETURN_IF_ERROR(CheckUnique(where, row));
  for (ColumnId c = 0; c < entity_.columns.size(); ++c) {
    if (given_[c]) txn_->Set(entity_.id, row, c, cells_[c]);
  }
  Remember(row, where);
  if (!given_[entity_.updated_at]) txn_->Set(entity_.id, row, entity_.updated_at, store::Cell::Int(now_));
  return absl::OkStatus();
}

absl::Status RowWriter::Fill(const std::string& where) {
  const auto& defaults = ctx_->rules.defaults[entity_.id];
  for (ColumnId c = 0; c < entity_.columns.size(); ++c) {
    const ColumnDef& def = entity_.columns[c];
    if (given_[c]) continue;
    if (c == entity_.primary_key && def.type == ColumnType::kId) {
      std::string& id = scratch_[c];
      id.clear();
      if (!def.id_prefix.empty()) {
        id = def.id_prefix;
        id.push_back('_');
      }
      ctx_->ids.Append(now_ / 1000, &id);
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

// Primary keys are unique among all rows, unique values among live rows; `self` (an updated
// row, or -1) does not clash with itself. Only given or filled columns are checked.
absl::Status RowWriter::CheckUnique(const std::string& where, int64_t self) {
  // Unique rules hold among live rows: a row written soft-deleted (its deleted_at given, or an
  // update of a soft-deleted row that leaves deleted_at alone) is checked on its key only; its
  // restore is checked when it comes (cascade.cc).
  bool written_soft_deleted = false;
  if (ColumnId d = entity_.deleted_at; d != catalog::kNoColumn) {
    written_soft_deleted = (self < 0 || given_[d])
                               ? !cells_[d].is_null
                               : table_.IsSoftDeleted(static_cast<uint32_t>(self));
  }
  for (ColumnId c = 0; c < entity_.columns.size(); ++c) {
    const ColumnDef& def = entity_.columns[c];
    if (!def.primary_key && (!def.unique || written_soft_deleted)) continue;
    if (self >= 0 && !given_[c]) continue;
    const store::Cell& v = cells_[c];
    if (v.is_null) continue;
    store::HashIndex::Rows p = table_.hash_index(c)->Find(v);
    if (p == nullptr) continue;
    for (uint32_t row : *p) {
      if (static_cast<int64_t>(row) == self) continue;
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
