#include "engine/store/store.h"

namespace linkgraph::store {

Table& Store::AddTable(const catalog::EntityDef& entity) {
  ModuleStore* module = nullptr;
  for (ModuleStore& m : modules_) {
    if (m.name == entity.module) module = &m;
  }
  if (module == nullptr) {
    modules_.push_back(ModuleStore{entity.module, {}});
    module = &modules_.back();
  }
  module->tables.push_back(std::make_unique<Table>(&entity));
  by_entity_.push_back(module->tables.back().get());
  return *by_entity_.back();
}

}  // namespace linkgraph::store
