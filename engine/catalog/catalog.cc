#include "engine/catalog/catalog.h"

#include <algorithm>

#include "absl/status/status.h"
#include "base/utf8.h"
#include "engine/catalog/suggest.h"

namespace linkgraph::catalog {

const ColumnDef* EntityDef::FindColumn(std::string_view name) const {
  ColumnId id = ColumnIndex(name);
  return id == kNoColumn ? nullptr : &columns[id];
}

ColumnId EntityDef::ColumnIndex(std::string_view name) const {
  auto it = column_by_name_.find(std::string(name));
  return it == column_by_name_.end() ? kNoColumn : it->second;
}

const RelationDef* EntityDef::FindRelation(std::string_view name) const {
  auto it = relation_by_name_.find(std::string(name));
  return it == relation_by_name_.end() ? nullptr : &relations[it->second];
}

std::vector<std::string_view> EntityDef::ColumnNames() const {
  std::vector<std::string_view> out;
  for (const ColumnDef& c : columns) out.push_back(c.name);
  return out;
}

std::vector<std::string_view> EntityDef::RelationNames() const {
  std::vector<std::string_view> out;
  for (const RelationDef& r : relations) out.push_back(r.name);
  return out;
}

void EntityDef::Reindex() {
  column_by_name_.clear();
  relation_by_name_.clear();
  types::ReserveSafely(column_by_name_, columns.size());
  types::ReserveSafely(relation_by_name_, relations.size());
  // Keys are copied before they go in: a copy failing inside an absl insert corrupts the map.
  for (ColumnId i = 0; i < columns.size(); ++i) {
    std::string key = columns[i].name;
    column_by_name_[std::move(key)] = i;
  }
  for (uint32_t i = 0; i < relations.size(); ++i) {
    std::string key = relations[i].name;
    relation_by_name_[std::move(key)] = i;
  }
}

Catalog::Catalog(const Catalog& other)
    : by_name_(other.by_name_), by_plural_(other.by_plural_), by_qualified_(other.by_qualified_) {
  entities_.reserve(other.entities_.size());
  for (const auto& e : other.entities_) entities_.push_back(std::make_unique<EntityDef>(*e));
}

Catalog& Catalog::operator=(const Catalog& other) {
  if (this != &other) *this = Catalog(other);
  return *this;
}

EntityDef& Catalog::AddEntity(std::unique_ptr<EntityDef> entity) {
  entity->id = static_cast<EntityId>(entities_.size());
  entities_.push_back(std::move(entity));
  return *entities_.back();
}

void Catalog::IndexNames() {
  by_name_.clear();
  by_plural_.clear();
  by_qualified_.clear();
  types::ReserveSafely(by_name_, entities_.size());
  types::ReserveSafely(by_plural_, entities_.size());
  types::ReserveSafely(by_qualified_, 2 * entities_.size());
  for (const auto& e : entities_) {
    std::string name = e->name;
    by_name_[std::move(name)].push_back(e->id);
    if (e->plural != e->name) {
      std::string plural = e->plural;
      by_plural_[std::move(plural)].push_back(e->id);
    }
    by_qualified_[e->module + "." + e->name] = e->id;
    if (e->plural != e->name) by_qualified_.emplace(e->module + "." + e->plural, e->id);
  }
}

bool Catalog::HasModule(std::string_view module) const {
  return std::any_of(entities_.begin(), entities_.end(),
                     [&](const auto& e) { return e->module == module; });
}

std::vector<std::string_view> Catalog::EntityNames() const {
  std::vector<std::string_view> out;
  for (const auto& e : entities_) out.push_back(e->name);
  for (const auto& e : entities_) {
    if (e->plural != e->name) out.push_back(e->plural);
  }
  return out;
}

absl::StatusOr<EntityId> Catalog::ResolveEntity(std::string_view name) const {
  std::string key(name);
  if (auto q = by_qualified_.find(key); q != by_qualified_.end()) return q->second;
  auto pick = [&](const std::vector<EntityId>& ids) -> absl::StatusOr<EntityId> {
    if (ids.size() == 1) return ids[0];
    std::string msg = "entity '" + key + "' is ambiguous: ";
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i) msg += ", ";
      msg += entities_[ids[i]]->QualifiedName();
    }
    return absl::InvalidArgumentError(msg);
  };
  if (auto n = by_name_.find(key); n != by_name_.end()) return pick(n->second);
  if (auto p = by_plural_.find(key); p != by_plural_.end()) return pick(p->second);
  return absl::InvalidArgumentError("unknown entity '" + key + "'; " +
                                    Suggest(name, EntityNames()));
}

absl::StatusOr<int64_t> EnumCode(const ColumnDef& col, std::string_view text) {
  auto it = std::find(col.enum_values.begin(), col.enum_values.end(), text);
  if (it != col.enum_values.end()) return it - col.enum_values.begin();
  std::string known;
  for (size_t i = 0; i < col.enum_values.size(); ++i) {
    known += (i ? ", " : "") + col.enum_values[i];
  }
  return absl::InvalidArgumentError("'" + std::string(base::TruncateUtf8(text, 64)) +
                                    "' is not a value of enum '" + col.name + "' (values: " +
                                    known + ")");
}

}  // namespace linkgraph::catalog
