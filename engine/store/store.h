// The stores of every module, one version of them: a table per model, grouped by module.
//
// A Store is a value: copying it shares every table. The database publishes one Store as the
// current version; queries read the version they started with. A commit copies the current
// version, calls BeginWrite (every table becomes this writer's own copy, sharing data until it
// is written), writes through a store::Transaction, and publishes the copy on success or drops
// it on failure.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/store/table.h"
#include "engine/store/version_stamp.h"

namespace linkgraph::store {

// The tables of one module. Module services touch only their own module's store.
struct ModuleStore {
  std::string name;
  std::vector<catalog::EntityId> entities;
};

class Store {
 public:
  // Adds an empty table for `entity` to its module's store. REQUIRES: a writer (BeginWrite);
  // `entity` outlives the store and entity.id == number of tables added so far.
  Table& AddTable(const catalog::EntityDef& entity);

  // Makes every table this writer's own version (see the file comment).
  void BeginWrite(Stamp stamp);
  // Points every table at its entity in `catalog` (the next version of the catalog, which
  // outlives this store version). REQUIRES: a writer.
  void Rebind(const catalog::Catalog& catalog) {
    for (size_t i = 0; i < by_entity_.size(); ++i) {
      by_entity_[i]->Rebind(&catalog.entity(static_cast<catalog::EntityId>(i)));
    }
  }

  // Replaces the table of `id` (added empty) with a version sharing everything with `from`, a
  // table of another store version whose columns and indexes are laid out as `id`'s are (a
  // migration keeping a table as it is). REQUIRES: a writer.
  void ShareTable(catalog::EntityId id, const Table& from) {
    const catalog::EntityDef* def = &by_entity_[id]->def();
    auto table = std::make_shared<Table>(from);
    table->BeginWrite(stamp_);
    table->Rebind(def);
    by_entity_[id] = std::move(table);
  }

  // REQUIRES for the non-const one: a writer.
  Table& table(catalog::EntityId id) { return *by_entity_[id]; }
  const Table& table(catalog::EntityId id) const { return *by_entity_[id]; }
  size_t table_count() const { return by_entity_.size(); }
  const std::vector<ModuleStore>& modules() const { return modules_; }

 private:
  std::vector<ModuleStore> modules_;
  std::vector<std::shared_ptr<Table>> by_entity_;
  Stamp stamp_ = kReadOnly;
};

}  // namespace linkgraph::store
