#include "modules/registration.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "dsl/location.h"
#include "engine/catalog/suggest.h"
#include "modules/names.h"
#include "modules/pluralize.h"

namespace linkgraph::modules {

namespace {

using catalog::ColumnDef;
using catalog::ColumnId;
using catalog::ColumnType;
using catalog::EntityDef;
using catalog::EntityId;

bool IsIdentifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

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

class Registrar {
 public:
  explicit Registrar(Database::State* state) : state_(state) {}

  absl::Status Run(const Schema& schema) {
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
    Apply();
    return absl::OkStatus();
  }

 private:
  struct StagedDefaults {
    std::vector<std::optional<OwnedCell>> cells;
  };

  size_t EntityCount() const { return state_->catalog.size() + staged_.size(); }
  EntityDef& Entity(EntityId id) {
    size_t n = state_->catalog.size();
    return id < n ? state_->catalog.mutable_entity(id) : *staged_[id - n];
  }

  absl::Status StageModule(const ModuleDef& mod, const std::string& where) {
    if (!IsIdentifier(mod.name)) {
      return dsl::InvalidAt("module name '" + mod.name + "' is not an identifier", where);
    }
    if (mod.name == "link") {
      return dsl::InvalidAt("module name 'link' is reserved (it holds defineLink tables)", where);
    }
    bool taken = state_->catalog.HasModule(mod.name) ||
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
    return absl::OkStatus();
  }

  absl::Status StageModel(const ModuleDef& mod, const Model& model, const std::string& where) {
    if (!IsIdentifier(model.name)) {
      return dsl::InvalidAt("model name '" + model.name + "' is not an identifier", where);
    }
    if (!model.relationships.empty()) {
      return dsl::InvalidAt("not supported yet: relationships", where + ".relationships");
    }
    if (!model.cascade_delete.empty()) {
      return dsl::InvalidAt("not supported yet: cascades", where + ".cascades");
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
      if (!IsIdentifier(name)) {
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
    add_implicit(created_at, "created_at", false, &e->created_at);
    add_implicit(updated_at, "updated_at", false, &e->updated_at);
    add_implicit(std::nullopt, "deleted_at", true, &e->deleted_at);
    e->Reindex();
    e->id = static_cast<EntityId>(EntityCount());
    staged_.push_back(std::move(e));
    staged_defaults_.push_back(std::move(defaults));
    return absl::OkStatus();
  }

  absl::Status CheckProperty(const ColumnDef& c, const std::string& where) {
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

  // Every entity (registered or staged) named `name`: name, plural, module.name.
  absl::StatusOr<EntityId> Resolve(std::string_view name) {
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

  // A relation name must be free on its entity: no column, no relation.
  absl::Status CheckFreeName(const EntityDef& e, const std::string& name, const std::string& what,
                             const std::string& where) {
    if (e.FindColumn(name) != nullptr) {
      return dsl::InvalidAt(what + " '" + name + "' clashes with field '" + name +
                                "' of entity '" + e.name + "'",
                            where);
    }
    if (const catalog::RelationDef* r = e.FindRelation(name)) {
      return dsl::InvalidAt(what + " '" + name + "' on entity '" + e.name +
                                "' is already defined by " + r->origin,
                            where);
    }
    return absl::OkStatus();
  }

  absl::Status StageLink(const ModuleDef& mod, const ModuleLink& link, const std::string& where) {
    std::string label = "link '" + link.alias + "' of module '" + mod.name + "'";
    if (link.alias.empty()) return dsl::InvalidAt("a link needs an alias", where + ".alias");
    if (!IsIdentifier(link.alias)) {
      return dsl::InvalidAt("alias '" + link.alias + "' is not an identifier", where + ".alias");
    }
    if (link.foreign_key.empty()) {
      return dsl::InvalidAt(label + " needs a foreignKey", where + ".foreignKey");
    }
    if (link.primary_key.empty()) {
      return dsl::InvalidAt(label + " needs a primaryKey", where + ".primaryKey");
    }
    if (link.foreign_key_target_field.empty()) {
      return dsl::InvalidAt(label + " needs a foreignKeyTargetField",
                            where + ".foreignKeyTargetField");
    }
    // The model holding the foreign key.
    std::vector<EntityId> holders;
    for (const auto& e : staged_) {
      if (e->module != mod.name) continue;
      if (!link.model.empty()) {
        if (e->name == CamelToSnakeCase(link.model)) holders.push_back(e->id);
      } else if (e->FindColumn(link.foreign_key) != nullptr) {
        holders.push_back(e->id);
      }
    }
    if (!link.model.empty() && holders.empty()) {
      return dsl::InvalidAt(label + ": module '" + mod.name + "' has no model '" + link.model + "'",
                            where + ".model");
    }
    if (holders.empty()) {
      return dsl::InvalidAt(label + ": foreign key '" + link.foreign_key +
                                "' is not a property of any model of module '" + mod.name + "'",
                            where + ".foreignKey");
    }
    if (holders.size() > 1) {
      std::string names;
      for (size_t i = 0; i < holders.size(); ++i) names += (i ? ", " : "") + Entity(holders[i]).name;
      return dsl::InvalidAt(label + ": foreign key '" + link.foreign_key +
                                "' is ambiguous: models " + names + " of module '" + mod.name +
                                "' all have it; name one with 'model'",
                            where + ".foreignKey");
    }
    EntityDef& holder = Entity(holders[0]);
    ColumnId fk = holder.ColumnIndex(link.foreign_key);
    if (fk == catalog::kNoColumn || holder.columns[fk].implicit) {
      return dsl::InvalidAt(label + ": model '" + holder.name + "' has no property '" +
                                link.foreign_key + "'",
                            where + ".foreignKey");
    }
    // The target entity.
    std::string target_name = link.entity;
    if (target_name.empty()) {
      const std::string& f = link.foreign_key;
      if (f.size() <= 3 || f.compare(f.size() - 3, 3, "_id") != 0) {
        return dsl::InvalidAt(label + ": cannot infer the target entity from foreign key '" + f +
                                  "' (it does not end in _id); name it with 'entity'",
                              where + ".entity");
      }
      target_name = f.substr(0, f.size() - 3);
    }
    absl::StatusOr<EntityId> target_id = Resolve(target_name);
    if (!target_id.ok()) {
      return dsl::InvalidAt(label + ": " + std::string(target_id.status().message()),
                            where + (link.entity.empty() ? ".foreignKey" : ".entity"));
    }
    EntityDef& target = Entity(*target_id);
    const ColumnDef& pk = target.columns[target.primary_key];
    if (link.primary_key != pk.name) {
      return dsl::InvalidAt(label + ": primaryKey '" + link.primary_key +
                                "' is not the primary key of entity '" + target.name +
                                "' (which is '" + pk.name + "')",
                            where + ".primaryKey");
    }
    ColumnId tf = target.ColumnIndex(link.foreign_key_target_field);
    if (tf == catalog::kNoColumn) {
      return dsl::InvalidAt(label + ": foreignKeyTargetField '" + link.foreign_key_target_field +
                                "' is not a field of entity '" + target.name + "'; " +
                                catalog::Suggest(link.foreign_key_target_field,
                                                 target.ColumnNames()),
                            where + ".foreignKeyTargetField");
    }
    if (tf != target.primary_key && !target.columns[tf].unique) {
      return dsl::InvalidAt(label + ": foreignKeyTargetField '" + link.foreign_key_target_field +
                                "' must be the primary key or a unique property of entity '" +
                                target.name + "'",
                            where + ".foreignKeyTargetField");
    }
    ColumnType ft = holder.columns[fk].type, tt = target.columns[tf].type;
    bool text_f = ft == ColumnType::kId || ft == ColumnType::kText;
    bool text_t = tt == ColumnType::kId || tt == ColumnType::kText;
    if (text_f != text_t || (!text_f && ft != tt)) {
      return dsl::InvalidAt(label + ": foreign key '" + link.foreign_key + "' (" +
                                std::string(catalog::ColumnTypeName(ft)) +
                                ") cannot join '" + target.name + "." +
                                link.foreign_key_target_field + "' (" +
                                std::string(catalog::ColumnTypeName(tt)) + ")",
                            where + ".foreignKey");
    }
    absl::Status s = CheckFreeName(target, link.alias, "alias", where + ".alias");
    if (!s.ok()) return s;
    const std::string& f = link.foreign_key;
    std::string reverse = f.size() > 3 && f.compare(f.size() - 3, 3, "_id") == 0
                              ? f.substr(0, f.size() - 3)
                              : target.name;
    s = CheckFreeName(holder, reverse, "reverse relation of " + label + ",", where);
    if (!s.ok()) return s;
    if (&holder == &target && reverse == link.alias) {
      return dsl::InvalidAt(label + ": alias and reverse relation are both '" + reverse + "'",
                            where + ".alias");
    }

    catalog::RelationDef list;
    list.name = link.alias;
    list.kind = catalog::RelationKind::kList;
    list.source = target.id;
    list.target = holder.id;
    list.steps = {catalog::HopStep{tf, holder.id, fk}};
    list.origin = label;
    catalog::RelationDef single;
    single.name = reverse;
    single.kind = catalog::RelationKind::kSingle;
    single.source = holder.id;
    single.target = target.id;
    single.steps = {catalog::HopStep{fk, target.id, tf}};
    single.origin = "the reverse of " + label;
    holder.columns[fk].hash_indexed = true;
    target.relations.push_back(std::move(list));
    target.Reindex();
    holder.relations.push_back(std::move(single));
    holder.Reindex();
    if (target.id < state_->catalog.size()) touched_.push_back(target.id);
    seed_links_.push_back(SeedLinkInfo{link.alias, mod.name, holder.id, fk, target.id, tf,
                                       link.delete_cascade});
    return absl::OkStatus();
  }

  void Apply() {
    for (auto& e : staged_) {
      EntityDef& added = state_->catalog.AddEntity(std::move(e));
      state_->store.AddTable(added);
    }
    for (auto& d : staged_defaults_) state_->defaults.push_back(std::move(d));
    state_->catalog.IndexNames();
    for (SeedLinkInfo& l : seed_links_) state_->seed_links.push_back(std::move(l));
  }

  // Registered entities that gained relations: restored if registration fails.
  void Restore(const std::vector<size_t>& relation_counts) {
    for (EntityId id = 0; id < relation_counts.size(); ++id) {
      EntityDef& e = state_->catalog.mutable_entity(id);
      e.relations.resize(relation_counts[id]);
      e.Reindex();
    }
  }

 public:
  absl::Status RunAtomically(const Schema& schema) {
    std::vector<size_t> counts;
    for (const auto& e : state_->catalog.entities()) counts.push_back(e->relations.size());
    absl::Status s = Run(schema);
    if (!s.ok()) Restore(counts);
    return s;
  }

 private:
  Database::State* state_;
  std::vector<std::unique_ptr<EntityDef>> staged_;
  std::vector<std::vector<std::optional<OwnedCell>>> staged_defaults_;
  std::vector<SeedLinkInfo> seed_links_;
  std::vector<EntityId> touched_;
};

}  // namespace

absl::Status RegisterSchema(const Schema& schema, Database::State* state) {
  Registrar registrar(state);
  return registrar.RunAtomically(schema);
}

}  // namespace linkgraph::modules
