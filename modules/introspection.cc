// Stats() and Version().
#include "linkgraph/database.h"
#include "linkgraph/version.h"
#include "modules/state.h"

namespace linkgraph {

DatabaseStats Database::Stats() {
  modules::Snapshot snapshot(*state_);
  DatabaseStats stats;
  for (const store::ModuleStore& m : snapshot.store().modules()) {
    ModuleStats ms;
    ms.module = m.name;
    for (catalog::EntityId id : m.entities) {
      const store::Table* table = &snapshot.store().table(id);
      TableStats ts;
      const catalog::EntityDef& def = table->def();
      ts.entity = def.QualifiedName();
      for (uint32_t row = 0; row < table->row_count(); ++row) {
        if (!table->IsDead(row)) ++ts.rows;
      }
      ts.live_rows = static_cast<int64_t>(table->live_count());
      int64_t column_total = 0;
      for (catalog::ColumnId c = 0; c < def.columns.size(); ++c) {
        int64_t b = static_cast<int64_t>(table->column(c).MemoryBytes());
        ts.column_bytes.emplace_back(def.columns[c].name, b);
        column_total += b;
        if (catalog::IsStringStored(def.columns[c].type)) {
          ts.reclaimable_bytes +=
              static_cast<int64_t>(table->column(c).ReclaimableStringBytes());
        }
      }
      ts.bytes = static_cast<int64_t>(table->MemoryBytes());
      ts.index_bytes = ts.bytes > column_total ? ts.bytes - column_total : 0;
      ms.rows += ts.rows;
      ms.bytes += ts.bytes;
      ms.reclaimable_bytes += ts.reclaimable_bytes;
      ms.tables.push_back(std::move(ts));
    }
    stats.bytes += ms.bytes;
    stats.reclaimable_bytes += ms.reclaimable_bytes;
    stats.modules.push_back(std::move(ms));
  }
  return stats;
}

std::string_view Database::Version() { return LINKGRAPH_VERSION_STRING; }

}  // namespace linkgraph
