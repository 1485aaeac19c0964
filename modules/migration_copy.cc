// The rows of a migration (migration.h): each kept table rebuilt in the next store version with
// the same row ids (dead rows kept dead): a table whose columns all stay is shared as it is;
// otherwise kept columns are shared whole, converted and new ones written, and the indexes built
// in bulk from the old table's orders.
#include "modules/migration.h"

#include "linkgraph/status.h"

namespace linkgraph::modules {

namespace {

// Every column copied from the same position, stored and indexed alike: the table is kept as it
// is (shared with the version before).
bool Unchanged(const TableMigration& t, const catalog::EntityDef& from,
               const catalog::EntityDef& to) {
  if (from.columns.size() != to.columns.size() || from.primary_key != to.primary_key) return false;
  for (size_t c = 0; c < to.columns.size(); ++c) {
    const catalog::ColumnDef& a = from.columns[c];
    const catalog::ColumnDef& b = to.columns[c];
    if (t.columns[c].kind != ColumnSource::Kind::kCopy || t.columns[c].from != c ||
        a.type != b.type || a.enum_values != b.enum_values || a.hash_indexed != b.hash_indexed ||
        a.index != b.index || a.primary_key != b.primary_key) {
      return false;
    }
  }
  return true;
}

// Builds `table` (empty, of the next version) from `old`: copied columns shared whole, the others
// appended row by row, then the indexes built in bulk from the old table's orders.
absl::Status Rebuild(const TableMigration& t, const store::Table& old, store::Table& table,
                     const catalog::EntityDef& def) {
  const catalog::EntityDef& old_def = old.def();
  const uint32_t rows = old.row_count();
  const size_t n = t.columns.size();
  table.BeginLoad(rows);
  std::vector<uint8_t> dead(rows);
  for (uint32_t r = 0; r < rows; ++r) dead[r] = old.IsDead(r) ? 1 : 0;
  table.LoadDeadFlags(dead.data(), dead.size());
  std::string scratch;
  for (catalog::ColumnId c = 0; c < n; ++c) {
    const ColumnSource& src = t.columns[c];
    if (src.kind == ColumnSource::Kind::kCopy) {
      table.AdoptColumn(c, old.column(src.from));
      continue;
    }
    store::Column& column = table.LoadColumn(c);
    const store::Cell fill = src.kind == ColumnSource::Kind::kFill ? src.fill.Get()
                                                                  : store::Cell::Null();
    for (uint32_t r = 0; r < rows; ++r) {
      if (dead[r] || src.kind != ColumnSource::Kind::kConvert) {
        column.Append(dead[r] ? store::Cell::Null() : fill);
        continue;
      }
      // The plan converted every value already: a failure here is a bug.
      absl::StatusOr<store::Cell> v = ConvertCell(old_def.columns[src.from], def.columns[c],
                                                  old.column(src.from).Get(r), &scratch);
      if (!v.ok()) return absl::InternalError("migration: " + std::string(v.status().message()));
      column.Append(*v);
    }
  }
  table.EndLoad(rows);
  store::Table::LoadedIndexes indexes;
  indexes.pk_order.assign(old.pk_order().begin(), old.pk_order().end());
  indexes.hash_keys.assign(n, 0);
  for (catalog::ColumnId c = 0; c < n; ++c) {
    const ColumnSource& src = t.columns[c];
    if (src.from == catalog::kNoColumn) continue;
    if (const store::HashIndex* h = old.hash_index(src.from)) indexes.hash_keys[c] = h->key_count();
    const store::OrderedIndex* o = old.ordered_index(src.from);
    if (src.kind == ColumnSource::Kind::kCopy && o != nullptr &&
        table.ordered_index(c) != nullptr) {
      indexes.ordered.push_back({c, std::vector<uint32_t>(o->begin(), o->end())});
    }
  }
  absl::Status s = table.FinishLoad(std::move(indexes));
  if (!s.ok()) return absl::InternalError("migration: " + std::string(s.message()));
  return absl::OkStatus();
}

}  // namespace

absl::Status CopyRows(const store::Store& from, Migration* m) {
  for (const TableMigration& t : m->tables) {
    if (!t.from) continue;
    const store::Table& old = from.table(*t.from);
    const catalog::EntityDef& def = m->next->catalog.entity(t.entity);
    if (Unchanged(t, old.def(), def)) {
      m->store.ShareTable(t.entity, old);
      continue;
    }
    LG_RETURN_IF_ERROR(Rebuild(t, old, m->store.table(t.entity), def));
  }
  return absl::OkStatus();
}

}  // namespace linkgraph::modules
