#include "engine/store/transaction.h"

namespace linkgraph::store {

uint32_t Transaction::Append(catalog::EntityId entity, const std::vector<Cell>& cells) {
  uint32_t row = store_->table(entity).AppendRow(cells);
  undo_.push_back(Undo{Kind::kAppend, false, entity, row, 0, 0});
  return row;
}

void Transaction::Set(catalog::EntityId entity, uint32_t row, catalog::ColumnId col,
                      const Cell& value) {
  Table& t = store_->table(entity);
  const Column& c = t.column(col);
  undo_.push_back(Undo{Kind::kSet, c.IsNull(row), entity, row, col, c.GetRaw(row)});
  t.SetCell(row, col, value);
}

void Transaction::Kill(catalog::EntityId entity, uint32_t row) {
  store_->table(entity).Kill(row);
  undo_.push_back(Undo{Kind::kKill, false, entity, row, 0, 0});
}

void Transaction::Rollback() {
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
    Table& t = store_->table(it->entity);
    switch (it->kind) {
      case Kind::kAppend: t.PopRow(); break;
      case Kind::kSet: t.SetRaw(it->row, it->col, it->raw, it->was_null); break;
      case Kind::kKill: t.Revive(it->row); break;
    }
  }
  undo_.clear();
}

}  // namespace linkgraph::store
