#include "engine/store/transaction.h"

#include <algorithm>

namespace linkgraph::store {

// Each write makes room for its undo record before it changes anything, so a failed allocation
// (std::bad_alloc) leaves no change unrecorded: the table primitives undo their own partial work.
void Transaction::ReserveUndo() {
  if (undo_.size() == undo_.capacity()) undo_.reserve(undo_.capacity() * 2 + 16);
}

void Transaction::MarkStrings(catalog::EntityId entity, catalog::ColumnId col) {
  // Loads append row after row to one entity: once all its string columns are marked, done.
  if (static_cast<int64_t>(entity) == all_marked_entity_) return;
  const Table& t = store_->table(entity);
  const catalog::ColumnId first = col == catalog::kNoColumn ? 0 : col;
  const catalog::ColumnId last =
      col == catalog::kNoColumn ? static_cast<catalog::ColumnId>(t.def().columns.size()) : col + 1;
  for (catalog::ColumnId c = first; c < last; ++c) {
    if (!catalog::IsStringStored(t.column(c).type())) continue;
    bool marked = std::any_of(marks_.begin(), marks_.end(), [&](const StringMark& m) {
      return m.entity == entity && m.col == c;
    });
    if (!marked) marks_.push_back(StringMark{entity, c, t.column(c).StringMark()});
  }
  if (col == catalog::kNoColumn) all_marked_entity_ = static_cast<int64_t>(entity);
}

uint32_t Transaction::Append(catalog::EntityId entity, const std::vector<Cell>& cells) {
  ReserveUndo();
  MarkStrings(entity, catalog::kNoColumn);
  uint32_t row = store_->table(entity).AppendRow(cells);
  undo_.push_back(Undo{Kind::kAppend, false, entity, row, 0, 0});
  return row;
}

void Transaction::Set(catalog::EntityId entity, uint32_t row, catalog::ColumnId col,
                      const Cell& value) {
  ReserveUndo();
  MarkStrings(entity, col);
  Table& t = store_->table(entity);
  const Column& c = t.column(col);
  undo_.push_back(Undo{Kind::kSet, c.IsNull(row), entity, row, col, c.GetRaw(row)});
  t.SetCell(row, col, value);
}

void Transaction::Kill(catalog::EntityId entity, uint32_t row) {
  ReserveUndo();
  store_->table(entity).Kill(row);
  undo_.push_back(Undo{Kind::kKill, false, entity, row, 0, 0});
}

void Transaction::Rollback(bool reclaim_strings) {
  // Newest first, each record dropped once undone: a rollback interrupted by a failed
  // allocation (re-indexing a revived row) can be called again and resumes where it stopped.
  while (!undo_.empty()) {
    const Undo& u = undo_.back();
    Table& t = store_->table(u.entity);
    switch (u.kind) {
      case Kind::kAppend: t.PopRow(); break;
      case Kind::kSet: t.SetRaw(u.row, u.col, u.raw, u.was_null); break;
      case Kind::kKill: t.Revive(u.row); break;
    }
    undo_.pop_back();
  }
  if (reclaim_strings) {
    for (auto it = marks_.rbegin(); it != marks_.rend(); ++it) {
      store_->table(it->entity).TruncateStrings(it->col, it->mark);
    }
  }
  marks_.clear();
  all_marked_entity_ = -1;
}

}  // namespace linkgraph::store
