#include "engine/store/transaction.h"

#include <algorithm>

namespace linkgraph::store {

// Each write makes room for its log record before it changes anything: a write is never missing
// from the log.
void Transaction::ReserveLog() {
  if (log_.size() == log_.capacity()) log_.reserve(log_.capacity() * 2 + 16);
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
    if (!marked) marks_.push_back(StringMark{entity, c, t.column(c).MarkStrings()});
  }
  if (col == catalog::kNoColumn) all_marked_entity_ = static_cast<int64_t>(entity);
}

uint32_t Transaction::Append(catalog::EntityId entity, const std::vector<Cell>& cells) {
  ReserveLog();
  MarkStrings(entity, catalog::kNoColumn);
  uint32_t row = store_->table(entity).AppendRow(cells);
  log_.push_back(Logged{Kind::kAppend, false, entity, row, 0});
  return row;
}

void Transaction::Set(catalog::EntityId entity, uint32_t row, catalog::ColumnId col,
                      const Cell& value) {
  ReserveLog();
  MarkStrings(entity, col);
  Table& t = store_->table(entity);
  log_.push_back(Logged{Kind::kSet, t.column(col).IsNull(row), entity, row, col});
  t.SetCell(row, col, value);
}

void Transaction::Kill(catalog::EntityId entity, uint32_t row) {
  ReserveLog();
  // The row's strings become garbage: its string columns are candidates for CompactStrings.
  MarkStrings(entity, catalog::kNoColumn);
  store_->table(entity).Kill(row);
  log_.push_back(Logged{Kind::kKill, false, entity, row, 0});
}

void Transaction::CompactStrings() {
  for (const StringMark& m : marks_) {
    Table& table = store_->table(m.entity);
    if (!table.column(m.col).ShouldCompactStrings()) continue;
    std::vector<uint32_t> killed;
    for (const Logged& u : log_) {
      if (u.kind == Kind::kKill && u.entity == m.entity) killed.push_back(u.row);
    }
    std::sort(killed.begin(), killed.end());
    table.CompactStrings(m.col, killed);
  }
}

void Transaction::Rollback(bool reclaim_strings) {
  log_.clear();
  if (reclaim_strings) {
    for (auto it = marks_.rbegin(); it != marks_.rend(); ++it) {
      it->mark.Truncate();
    }
  }
  marks_.clear();
  all_marked_entity_ = -1;
}

}  // namespace linkgraph::store
