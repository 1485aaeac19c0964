// The stores of every module: one columnar store per module, a table per model.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/store/table.h"

namespace linkgraph::store {

// The tables of one module. Module services touch only their own module's store.
struct ModuleStore {
  std::string name;
  std::vector<std::unique_ptr<Table>> tables;
};

class Store {
 public:
  // Adds an empty table for `entity` to its module's store. REQUIRES: `entity` outlives the store
  // and entity.id == number of tables added so far.
  Table& AddTable(const catalog::EntityDef& entity);

  Table& table(catalog::EntityId id) { return *by_entity_[id]; }
  const Table& table(catalog::EntityId id) const { return *by_entity_[id]; }
  size_t table_count() const { return by_entity_.size(); }
  const std::vector<ModuleStore>& modules() const { return modules_; }

 private:
  std::vector<ModuleStore> modules_;
  std::vector<Table*> by_entity_;
};

}  // namespace linkgraph::store
