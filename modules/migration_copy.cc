// The rows of a migration (migration.h): each kept table rebuilt in the next store version with
// the same row ids — dead rows appended dead — and its columns copied, converted or filled.
#include "modules/migration.h"

namespace linkgraph::modules {

void CopyRows(const store::Store& from, Migration* m) {
  std::vector<store::Cell> cells;
  std::vector<std::string> scratch;
  for (const TableMigration& t : m->tables) {
    if (!t.from) continue;
    const store::Table& old = from.table(*t.from);
    const catalog::EntityDef& old_def = old.def();
    store::Table& table = m->store.table(t.entity);
    const catalog::EntityDef& def = m->next->catalog.entity(t.entity);
    const size_t n = t.columns.size();
    cells.assign(n, store::Cell::Null());
    scratch.assign(n, std::string());
    for (size_t c = 0; c < n; ++c) {
      if (t.columns[c].kind == ColumnSource::Kind::kFill) cells[c] = t.columns[c].fill.Get();
    }
    table.Reserve(old.row_count());
    table.DeferOrderedIndexes();
    for (uint32_t r = 0; r < old.row_count(); ++r) {
      if (old.IsDead(r)) {
        table.AppendDeadRow();
        continue;
      }
      for (size_t c = 0; c < n; ++c) {
        const ColumnSource& src = t.columns[c];
        if (src.kind == ColumnSource::Kind::kCopy) {
          cells[c] = old.column(src.from).Get(r);
        } else if (src.kind == ColumnSource::Kind::kConvert) {
          // The plan converted every value already: a failure here is a bug, kept null.
          absl::StatusOr<store::Cell> v = ConvertCell(old_def.columns[src.from], def.columns[c],
                                                      old.column(src.from).Get(r), &scratch[c]);
          cells[c] = v.ok() ? *v : store::Cell::Null();
        }
      }
      table.AppendRow(cells);
    }
    table.FlushOrderedIndexes();
  }
}

}  // namespace linkgraph::modules
