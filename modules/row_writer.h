// Phase 2 of a commit (DESIGN.md §5), under the commit lock: writing the rows RowReader staged —
// ids, defaults and timestamps filled, primary keys and unique values checked against the
// committed state, the row appended (or updated) through the transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <simdjson.h>

#include "absl/status/statusor.h"
#include "engine/store/transaction.h"
#include "modules/commit_context.h"
#include "modules/row_place.h"
#include "modules/staged_rows.h"

namespace linkgraph::modules {

class RowWriter {
 public:
  RowWriter(CommitContext* ctx, store::Transaction* txn, catalog::EntityId entity,
            FieldStyle style = FieldStyle::kDotted);

  // Loads the row record at `cursor` (its kRow tag read); a field staged "from the parent" takes
  // `parent_key`. Returns the row's label.
  uint32_t Load(StagedRows::Cursor& cursor, const store::Cell* parent_key);
  // Appends the loaded row; `place` locates it. Returns the row id.
  absl::StatusOr<uint32_t> Create(const RowPlace& place);
  // Updates the live row named by the loaded primary key with the other loaded fields (partial
  // update). NotFound when no live row has that key.
  absl::StatusOr<uint32_t> UpdateByKey(const RowPlace& place);
  // Applies the loaded fields to `row`.
  absl::Status UpdateRow(uint32_t row, const RowPlace& place);

  // Both phases at once, for rows written under the lock (link rows): stages `object` and
  // creates it, or updates `row` with `data`'s fields; `where` locates the object.
  absl::StatusOr<uint32_t> CreateJson(simdjson::ondemand::object object, const std::string& where);
  absl::Status UpdateJson(simdjson::ondemand::object data, uint32_t row, const std::string& where);

 private:
  absl::Status CheckUnique(const RowPlace& place, int64_t self);
  // Records where a written row came from, for the end-of-batch checks.
  void Remember(uint32_t row, const RowPlace& place);
  absl::Status Fill(const RowPlace& place);
  std::string FieldAt(const RowPlace& place, std::string_view field) const {
    return FieldWhere(place.Format(), field, style_);
  }

  CommitContext* ctx_;
  store::Transaction* txn_;
  const catalog::EntityDef& entity_;
  store::Table& table_;
  int64_t now_;  // ctx->now
  FieldStyle style_;
  bool remember_;  // the entity has belongsTo relationships (end-of-batch checks)
  std::vector<store::Cell> cells_;
  std::vector<uint8_t> given_;
  std::string id_;  // a generated primary key
};

// Applies the create records `cursor` reads until it is done: rows of `entity` located
// `<label>[n]` or by line (`form`), each followed by its nested rows. Appends the ids of the
// top-level rows to `created`. A stream cut short inside a nested list (phase 1 stopped at an
// error there) applies what it holds.
absl::Status ApplyStagedCreates(CommitContext* ctx, store::Transaction* txn,
                                catalog::EntityId entity, FieldStyle style,
                                StagedRows::Cursor& cursor, const std::string& label,
                                RowPlace::Form form, std::vector<uint32_t>* created);

}  // namespace linkgraph::modules
