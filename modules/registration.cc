#include "modules/registration.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "base/identifier.h"
#include "dsl/location.h"
#include "engine/catalog/suggest.h"
#include "linkgraph/status.h"
#include "modules/names.h"
#include "modules/pluralize.h"
#include "modules/registrar.h"

namespace linkgraph::modules {

using catalog::ColumnDef;
using catalog::ColumnId;
using catalog::ColumnType;
using catalog::EntityDef;
using catalog::EntityId;

ColumnType ToColumnType(PropertyType t) {
  switch (t) {
    case PropertyType::kId: return ColumnType::kId;
    case PropertyType::kText: return ColumnType::kText;
    case PropertyType::kNumber: return ColumnType::kNumber;
    case PropertyType::kFloat: return ColumnType::kFloat;
    case PropertyType::kBigNumber: return ColumnType::kBigNumber;
    case PropertyType::kBoolean: return ColumnType::kBoolean;
    case PropertyType::kDateTime: return ColumnType::kDateTime;
    case PropertyType::kEnum: return ColumnType::kEnum;
    case PropertyType::kJson: return ColumnType::kJson;
    case PropertyType::kArray: return ColumnType::kArray;
  }
  return ColumnType::kText;
}

bool IsImplicit(std::string_view name) {
  return name == "created_at" || name == "updated_at" || name == "deleted_at";
}

absl::Status Registrar::Run(const Schema& schema) {
  for (size_t m = 0; m < schema.modules.size(); ++m) {
    absl::Status s = StageModule(schema.modules[m], "modules[" + std::to_string(m) + "]");
    if (!s.ok()) return s;
  }
  for (size_t m = 0; m < schema.modules.size(); ++m) {
    const ModuleDef& mod = schema.modules[m];
    for (size_t l = 0; l < mod.links.size(); ++l) {
      absl::Status s = StageLink(mod, mod.links[l],
                                 "modules[" + std::to_string(m) + "].links[" +
                                     std::to_string(l) + "]");
      if (!s.ok()) return s;
    }
  }
  for (size_t i = 0; i < schema.define_links.size(); ++i) {
    absl::Status s =
        StageDefineLink(schema.define_links[i], "defineLinks[" + std::to_string(i) + "]");
    if (!s.ok()) return s;
  }
  Apply();
  return absl::OkStatus();
}

absl::Status Registrar::StageModule(const ModuleDef& mod, const std::string& where) {
  if (!base::IsIdentifier(mod.name)) {
    return dsl::InvalidAt("module name '" + mod.name + "' is not an identifier", where);
  }
  if (mod.name == "link") {
    return dsl::InvalidAt("module name 'link' is reserved (it holds defineLink tables)", where);
  }
  bool taken = next_->catalog.HasModule(mod.name) ||
               std::any_of(staged_.begin(), staged_.end(),
                           [&](const auto& e) { return e->module == mod.name; });
  if (taken) return dsl::InvalidAt("module '" + mod.name + "' is already registered", where);
  if (mod.models.empty()) {
    return dsl::InvalidAt("module '" + mod.name + "' has no models", where);
  }
  for (size_t i = 0; i < mod.models.size(); ++i) {
    absl::Status s =
        StageModel(mod, mod.models[i], where + ".models[" + std::to_string(i) + "]");
    if (!s.ok()) return s;
  }
  LG_RETURN_IF_ERROR(StageRelationships(mod, where));
  return absl::OkStatus();
}

absl::Status Registrar::StageModel(const ModuleDef& mod, const Model& model, const std::string& where) {
  if (!base::IsIdentifier(model.name)) {
    return dsl::InvalidAt("model name '" + model.name + "' is not an identifier", where);
  }
  auto e = std::make_unique<EntityDef>();
  e->name = CamelToSnakeCase(model.name);
  e->plural = Pluralize(e->name);
  e->pascal = ToPascalCase(e->name);
  e->module = mod.name;
  if (e->name == "links") return dsl::InvalidAt("entity name 'links' is reserved", where);
  for (const auto& other : staged_) {
    if (other->module == mod.name && other->name == e->name) {
      return dsl::InvalidAt("model '" + e->name + "' is defined twice in module '" + mod.name +
                                "'",
                            where);
    }
  }
  std::vector<std::optional<OwnedCell>> defaults;
  std::optional<ColumnDef> created_at, updated_at;
  for (const auto& [name, prop] : model.properties) {
    std::string pwhere = where + ".properties." + name;
    if (!base::IsIdentifier(name)) {
      return dsl::InvalidAt("property name '" + name + "' is not an identifier", pwhere);
    }
    if (e->FindColumn(name) != nullptr || (created_at && name == "created_at") ||
        (updated_at && name == "updated_at")) {
      return dsl::InvalidAt("property '" + name + "' is defined twice", pwhere);
    }
    ColumnDef c;
    c.name = name;
    c.type = ToColumnType(prop.type);
    c.primary_key = prop.primary_key;
    c.nullable = prop.nullable;
    c.index = prop.index;
    c.unique = prop.unique;
    c.searchable = prop.searchable;
    c.id_prefix = prop.prefix;
    c.enum_values = prop.values;
    c.default_json = prop.default_json;
    c.default_now = prop.default_now;
    if (IsImplicit(name)) {
      bool index_only = name != "deleted_at" && c.type == ColumnType::kDateTime && c.index &&
                        !c.primary_key && !c.nullable && !c.unique && !c.searchable &&
                        !c.default_json && !c.default_now;
      if (!index_only) {
        return dsl::InvalidAt("cannot define field '" + name +
                                  "': it is implicitly defined on every model (only "
                                  "created_at and updated_at may be declared, as "
                                  "{ \"type\": \"dateTime\", \"index\": true })",
                              pwhere);
      }
      c.implicit = true;
      (name == "created_at" ? created_at : updated_at) = c;
      continue;
    }
    absl::Status s = CheckProperty(c, pwhere);
    if (!s.ok()) return s;
    std::optional<OwnedCell> def;
    if (c.default_json) {
      OwnedCell cell;
      absl::Status ds = ReadOwnedCell(*c.default_json, c, &cell);
      if (!ds.ok()) {
        return dsl::InvalidAt("invalid default for '" + name + "': " +
                                  std::string(ds.message()),
                              pwhere);
      }
      def = std::move(cell);
    }
    if (c.primary_key) {
      if (e->primary_key != catalog::kNoColumn) {
        return dsl::InvalidAt("model '" + e->name + "' has two primary keys: '" +
                                  e->columns[e->primary_key].name + "' and '" + name + "'",
                              pwhere);
      }
      e->primary_key = static_cast<ColumnId>(e->columns.size());
      c.hash_indexed = true;
    }
    if (c.unique) c.hash_indexed = true;
    e->columns.push_back(std::move(c));
    e->Reindex();
    defaults.push_back(std::move(def));
  }
  if (e->primary_key == catalog::kNoColumn) {
    return dsl::InvalidAt("model '" + e->name + "' has no primary key (mark one property "
                              "primaryKey)",
                          where);
  }
  auto add_implicit = [&](std::optional<ColumnDef> declared, const char* name, bool nullable,
                          ColumnId* slot) {
    ColumnDef c = declared ? *declared : ColumnDef{};
    c.name = name;
    c.type = ColumnType::kDateTime;
    c.nullable = nullable;
    c.implicit = true;
    *slot = static_cast<ColumnId>(e->columns.size());
    e->columns.push_back(std::move(c));
    defaults.emplace_back();
  };
  LG_RETURN_IF_ERROR(StageBelongsToColumns(mod, model, e.get(), &defaults, where));
  add_implicit(created_at, "created_at", false, &e->created_at);
  add_implicit(updated_at, "updated_at", false, &e->updated_at);
  add_implicit(std::nullopt, "deleted_at", true, &e->deleted_at);
  e->Reindex();
  e->id = static_cast<EntityId>(EntityCount());
  staged_.push_back(std::move(e));
  staged_defaults_.push_back(std::move(defaults));
  return absl::OkStatus();
}

absl::Status Registrar::CheckProperty(const ColumnDef& c, const std::string& where) {
  if (!c.id_prefix.empty() && c.type != ColumnType::kId) {
    return dsl::InvalidAt("only id properties take a prefix", where);
  }
  if (c.type == ColumnType::kEnum) {
    if (c.enum_values.empty()) return dsl::InvalidAt("enum '" + c.name + "' has no values", where);
    for (size_t i = 0; i < c.enum_values.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (c.enum_values[i] == c.enum_values[j]) {
          return dsl::InvalidAt("enum '" + c.name + "' lists '" + c.enum_values[i] + "' twice",
                                where);
        }
      }
    }
  } else if (!c.enum_values.empty()) {
    return dsl::InvalidAt("only enum properties take values", where);
  }
  if (c.primary_key) {
    if (c.type != ColumnType::kId && c.type != ColumnType::kText &&
        c.type != ColumnType::kNumber) {
      return dsl::InvalidAt("primary key '" + c.name + "' must be an id, text or number",
                            where);
    }
    if (c.nullable) return dsl::InvalidAt("primary key '" + c.name + "' cannot be nullable", where);
  }
  if (c.unique && (c.type == ColumnType::kJson || c.type == ColumnType::kArray ||
                   c.type == ColumnType::kFloat || c.type == ColumnType::kBigNumber)) {
    return dsl::InvalidAt(std::string(catalog::ColumnTypeName(c.type)) +
                              " properties cannot be unique",
                          where);
  }
  if (c.searchable && c.type != ColumnType::kText && c.type != ColumnType::kId) {
    return dsl::InvalidAt("only text properties can be searchable", where);
  }
  if (c.default_now && c.type != ColumnType::kDateTime) {
    return dsl::InvalidAt("only dateTime properties default to now", where);
  }
  return absl::OkStatus();
}

absl::StatusOr<EntityId> Registrar::Resolve(std::string_view name) {
  std::vector<EntityId> exact, plural;
  for (EntityId id = 0; id < EntityCount(); ++id) {
    const EntityDef& e = Entity(id);
    if (e.module + "." + e.name == name || e.module + "." + e.plural == name) return id;
    if (e.name == name) exact.push_back(id);
    if (e.plural == name && e.plural != e.name) plural.push_back(id);
  }
  std::vector<EntityId>& hits = exact.empty() ? plural : exact;
  if (hits.size() == 1) return hits[0];
  if (hits.size() > 1) {
    std::string msg = "entity '" + std::string(name) + "' is ambiguous: ";
    for (size_t i = 0; i < hits.size(); ++i) {
      msg += (i ? ", " : "") + Entity(hits[i]).QualifiedName();
    }
    return absl::InvalidArgumentError(msg + "; write it as module.entity");
  }
  std::vector<std::string> names;
  for (EntityId id = 0; id < EntityCount(); ++id) names.push_back(Entity(id).name);
  std::vector<std::string_view> views(names.begin(), names.end());
  return absl::InvalidArgumentError("unknown entity '" + std::string(name) + "'; " +
                                    catalog::Suggest(name, views));
}

void Registrar::Apply() {
  // Registered tables whose columns became link keys get their hash index now.
  for (EntityId id = 0; id < next_->catalog.size(); ++id) {
    const EntityDef& e = next_->catalog.entity(id);
    for (ColumnId c = 0; c < e.columns.size(); ++c) {
      if (e.columns[c].hash_indexed && store_->table(id).hash_index(c) == nullptr) {
        store_->table(id).EnsureHashIndex(c);
      }
    }
  }
  for (auto& e : staged_) {
    EntityDef& added = next_->catalog.AddEntity(std::move(e));
    store_->AddTable(added);
  }
  for (auto& d : staged_defaults_) next_->defaults.push_back(std::move(d));
  next_->catalog.IndexNames();
  for (SeedLinkInfo& l : seed_links_) next_->seed_links.push_back(std::move(l));
  for (DefineLinkInfo& l : define_links_) next_->define_links.push_back(std::move(l));
  for (BelongsToInfo& b : belongs_to_) next_->belongs_to.push_back(std::move(b));
  for (NestedInfo& n : nested_) next_->nested.push_back(std::move(n));
}

absl::Status RegisterSchema(const Schema& schema, CatalogVersion* next, store::Store* store) {
  Registrar registrar(next, store);
  return registrar.Run(schema);
}

}  // namespace linkgraph::modules
