#include "engine/store/transaction.h"

namespace linkgraph::store {

// Each write makes room for its undo record before it changes anything, so a failed allocation
// (std::bad_alloc) leaves no change unrecorded: the table primitives undo their own partial work.
void Transaction::ReserveUndo() {
  if (undo_.size() == undo_.capacity()) undo_.reserve(undo_.capacity() * 2 + 16);
}

uint32_t Transaction::Append(catalog::EntityId entity, const std::vector<Cell>& cells) {
  ReserveUndo();
  uint32_t row = store_->table(entity).AppendRow(cells);
  undo_.push_back(Undo{Kind::kAppend, false, entity, row, 0, 0});
  return row;
}

void Transaction::Set(catalog::EntityId entity, uint32_t row, catalog::ColumnId col,
                      const Cell& value) {
  ReserveUndo();
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

void Transaction::Rollback() {
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
}

}  // namespace linkgraph::store
