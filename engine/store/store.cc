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
  auto table = std::make_shared<Table>(&entity);
  table->BeginWrite(stamp_);
  module->entities.push_back(static_cast<catalog::EntityId>(by_entity_.size()));
  by_entity_.push_back(std::move(table));
  return *by_entity_.back();
}

void Store::BeginWrite(Stamp stamp) {
  stamp_ = stamp;
  for (std::shared_ptr<Table>& t : by_entity_) {
    auto copy = std::make_shared<Table>(*t);
    copy->BeginWrite(stamp);
    t = std::move(copy);
  }
}

}  // namespace linkgraph::store
