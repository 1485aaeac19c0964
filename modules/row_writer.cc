#include "modules/row_writer.h"

#include <algorithm>
#include <memory>

#include "dsl/location.h"
#include "engine/types/hash_grow.h"
#include "linkgraph/status.h"
#include "modules/row_reader.h"

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
      given_(entity_.columns.size()) {}

uint32_t RowWriter::Load(StagedRows::Cursor& cursor, const store::Cell* parent_key) {
  std::fill(given_.begin(), given_.end(), 0);
  ColumnId from_parent;
  const uint32_t label = cursor.ReadRow(&cells_, &given_, &from_parent);
  if (from_parent != catalog::kNoColumn && parent_key != nullptr) {
    cells_[from_parent] = *parent_key;
  }
  return label;
}

absl::StatusOr<uint32_t> RowWriter::Create(const RowPlace& place) {
  LG_RETURN_IF_ERROR(Fill(place));
  LG_RETURN_IF_ERROR(CheckUnique(place, -1));
  uint32_t row = txn_->Append(entity_.id, cells_);
  Remember(row, place);
  return row;
}

void RowWriter::Remember(uint32_t row, const RowPlace& place) {
  // Only rows whose belongsTo values are checked at the end of the batch need their location.
  if (!remember_) return;
  types::GrowBeforeInsert(ctx_->write_where);
  auto [it, inserted] = ctx_->write_where.try_emplace((uint64_t{entity_.id} << 32) | row);
  if (inserted) it->second = place.Format();
}

absl::StatusOr<uint32_t> RowWriter::UpdateByKey(const RowPlace& place) {
  ColumnId pk = entity_.primary_key;
  const std::string& pk_name = entity_.columns[pk].name;
  int64_t row = table_.FindByPk(cells_[pk]);
  if (row < 0 || table_.IsSoftDeleted(static_cast<uint32_t>(row))) {
    std::string shown = catalog::IsStringStored(entity_.columns[pk].type)
                            ? std::string(cells_[pk].s)
                            : std::to_string(cells_[pk].i);
    return dsl::ErrorAt(absl::StatusCode::kNotFound,
                        entity_.pascal + " with " + pk_name + ": " + shown + " was not found",
                        FieldAt(place, pk_name));
  }
  given_[pk] = 0;  // the key names the row; it is not written
  LG_RETURN_IF_ERROR(UpdateRow(static_cast<uint32_t>(row), place));
  return static_cast<uint32_t>(row);
}

absl::Status RowWriter::UpdateRow(uint32_t row, const RowPlace& place) {
  LG_RETURN_IF_ERROR(CheckUnique(place, row));
  for (ColumnId c = 0; c < entity_.columns.size(); ++c) {
    if (given_[c]) txn_->Set(entity_.id, row, c, cells_[c]);
  }
  Remember(row, place);
  if (!given_[entity_.updated_at]) txn_->Set(entity_.id, row, entity_.updated_at, store::Cell::Int(now_));
  return absl::OkStatus();
}

absl::StatusOr<uint32_t> RowWriter::CreateJson(simdjson::ondemand::object object,
                                               const std::string& where) {
  StagedRows staged;
  RowReader reader(ctx_->rules, entity_.id, style_, &staged);
  const RowPlace place{&where, 0, RowPlace::Form::kExact, {}};
  LG_RETURN_IF_ERROR(reader.Create(object, place));
  StagedRows::Cursor cursor(staged);
  std::vector<uint32_t> created;
  LG_RETURN_IF_ERROR(ApplyStagedCreates(ctx_, txn_, entity_.id, style_, cursor, where,
                                        RowPlace::Form::kExact, &created));
  return created.at(0);
}

absl::Status RowWriter::UpdateJson(simdjson::ondemand::object data, uint32_t row,
                                   const std::string& where) {
  StagedRows staged;
  RowReader reader(ctx_->rules, entity_.id, style_, &staged);
  const RowPlace place{&where, 0, RowPlace::Form::kExact, {}};
  LG_RETURN_IF_ERROR(reader.UpdateData(data, place));
  StagedRows::Cursor cursor(staged);
  cursor.Next();
  Load(cursor, nullptr);
  return UpdateRow(row, place);
}

absl::Status RowWriter::Fill(const RowPlace& place) {
  const auto& defaults = ctx_->rules.defaults[entity_.id];
  for (ColumnId c = 0; c < entity_.columns.size(); ++c) {
    const ColumnDef& def = entity_.columns[c];
    if (given_[c]) continue;
    if (c == entity_.primary_key && def.type == ColumnType::kId) {
      id_.clear();
      if (!def.id_prefix.empty()) {
        id_ = def.id_prefix;
        id_.push_back('_');
      }
      ctx_->ids.Append(now_ / 1000, &id_);
      cells_[c] = store::Cell::Str(id_);
    } else if (c < defaults.size() && defaults[c]) {
      cells_[c] = defaults[c]->Get();
    } else if (def.default_now || c == entity_.created_at || c == entity_.updated_at) {
      cells_[c] = store::Cell::Int(now_);
    } else if (def.nullable) {
      cells_[c] = store::Cell::Null();
    } else {
      return dsl::InvalidAt("missing required field '" + def.name + "'", FieldAt(place, def.name));
    }
  }
  return absl::OkStatus();
}

// Primary keys are unique among all rows, unique values among live rows; `self` (an updated
// row, or -1) does not clash with itself. Only given or filled columns are checked.
absl::Status RowWriter::CheckUnique(const RowPlace& place, int64_t self) {
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
                            FieldAt(place, def.name));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status ApplyStagedCreates(CommitContext* ctx, store::Transaction* txn,
                                catalog::EntityId entity, FieldStyle style,
                                StagedRows::Cursor& cursor, const std::string& label,
                                RowPlace::Form form, std::vector<uint32_t>* created) {
  // A level per nested list being read, the top-level rows first.
  struct Level {
    RowWriter* writer;
    std::string where;  // the label of this level's rows
    RowPlace::Form form;
    store::Cell parent_key;  // nested levels: the key of the row they are nested in
    uint32_t last_row = 0, last_n = 0;
  };
  std::vector<std::pair<catalog::EntityId, std::unique_ptr<RowWriter>>> writers;
  auto writer_for = [&](catalog::EntityId e) {
    for (auto& [id, w] : writers) {
      if (id == e) return w.get();
    }
    writers.emplace_back(e, std::make_unique<RowWriter>(ctx, txn, e, style));
    return writers.back().second.get();
  };
  std::vector<Level> levels;
  levels.push_back(Level{writer_for(entity), label, form, {}});
  while (!cursor.Done()) {
    switch (cursor.Next()) {
      case StagedRows::Tag::kRow: {
        Level& level = levels.back();
        const bool top = levels.size() == 1;
        const uint32_t n = level.writer->Load(cursor, top ? nullptr : &level.parent_key);
        LG_ASSIGN_OR_RETURN(uint32_t row,
                            level.writer->Create(RowPlace{&level.where, n, level.form, {}}));
        if (top) created->push_back(row);
        level.last_row = row;
        level.last_n = n;
        break;
      }
      case StagedRows::Tag::kNestedBegin: {
        const NestedInfo& info = ctx->rules.nested[cursor.ReadNested()];
        const Level& parent = levels.back();
        std::string where = FieldWhere(
            RowPlace{&parent.where, parent.last_n, parent.form, {}}.Format(), info.name, style);
        const store::Cell key = ctx->store.table(info.owner).pk_column().Get(parent.last_row);
        levels.push_back(Level{writer_for(info.child), std::move(where),
                               RowPlace::Form::kIndexed, key});
        break;
      }
      case StagedRows::Tag::kNestedEnd: levels.pop_back(); break;
      case StagedRows::Tag::kSelector:
        return absl::InternalError("a selector among rows to create");
    }
  }
  return absl::OkStatus();
}

}  // namespace linkgraph::modules
