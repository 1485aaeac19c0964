// Registration of the seed's links (Module(..., { links })) and of defineLink.
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

absl::Status Registrar::CheckFreeName(const EntityDef& e, const std::string& name, const std::string& what,
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

absl::Status Registrar::StageLink(const ModuleDef& mod, const ModuleLink& link, const std::string& where) {
  std::string label = "link '" + link.alias + "' of module '" + mod.name + "'";
  if (link.alias.empty()) return dsl::InvalidAt("a link needs an alias", where + ".alias");
  if (!base::IsIdentifier(link.alias)) {
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
  seed_links_.push_back(SeedLinkInfo{link.alias, mod.name, holder.id, fk, target.id, tf,
                                     link.delete_cascade});
  return absl::OkStatus();
}

absl::StatusOr<EntityId> Registrar::ResolveSide(const LinkSide& side, const std::string& where) {
  if (side.module.empty() || side.entity.empty()) {
    return dsl::InvalidAt("a defineLink side needs 'module' and 'entity'", where);
  }
  std::vector<std::string_view> names;
  for (EntityId id = 0; id < EntityCount(); ++id) {
    const EntityDef& e = Entity(id);
    if (e.module != side.module) continue;
    if (e.name == side.entity || e.name == CamelToSnakeCase(side.entity) ||
        e.plural == side.entity) {
      return id;
    }
    names.push_back(e.name);
  }
  if (names.empty()) {
    return dsl::InvalidAt("unknown module '" + side.module + "'", where + ".module");
  }
  return dsl::InvalidAt("module '" + side.module + "' has no entity '" + side.entity + "'; " +
                            catalog::Suggest(side.entity, names),
                        where + ".entity");
}

catalog::RelationDef Registrar::Relation(std::string name, catalog::RelationKind kind,
                                     EntityId source, EntityId target,
                                     std::vector<catalog::HopStep> steps, std::string origin) {
  catalog::RelationDef r;
  r.name = std::move(name);
  r.kind = kind;
  r.source = source;
  r.target = target;
  r.steps = std::move(steps);
  r.origin = std::move(origin);
  return r;
}

void Registrar::AddRelation(EntityDef& e, catalog::RelationDef r) {
  e.relations.push_back(std::move(r));
  e.Reindex();
}

absl::Status Registrar::StageDefineLink(const DefineLink& link, const std::string& where) {
  LG_ASSIGN_OR_RETURN(EntityId left_id, ResolveSide(link.left, where + ".left"));
  LG_ASSIGN_OR_RETURN(EntityId right_id, ResolveSide(link.right, where + ".right"));
  EntityDef& left = Entity(left_id);
  EntityDef& right = Entity(right_id);
  std::string label = "defineLink(" + left.QualifiedName() + ", " + right.QualifiedName() + ")";
  bool self = left_id == right_id;
  if (self && (link.left.alias.empty() || link.right.alias.empty())) {
    return dsl::InvalidAt(label + " links an entity to itself: give both sides an alias", where);
  }
  // A side's alias is the name under which the other side reaches its rows.
  std::string right_alias = !link.right.alias.empty() ? link.right.alias
                            : link.right.is_list      ? Pluralize(right.name)
                                                      : right.name;
  std::string left_alias = !link.left.alias.empty() ? link.left.alias
                           : (link.left.is_list || link.read_only) ? Pluralize(left.name)
                                                                   : left.name;
  for (const std::string* a : {&left_alias, &right_alias}) {
    if (!base::IsIdentifier(*a)) return dsl::InvalidAt("alias '" + *a + "' is not an identifier", where);
  }
  DefineLinkInfo info;
  info.label = label;
  info.left = left_id;
  info.right = right_id;
  info.left_module = left.module;
  info.right_module = right.module;
  info.left_list = link.left.is_list;
  info.right_list = link.right.is_list;
  info.left_cascade = link.left.delete_cascade;
  info.right_cascade = link.right.delete_cascade;
  const catalog::ColumnDef& lpk = left.columns[left.primary_key];
  const catalog::ColumnDef& rpk = right.columns[right.primary_key];
  if (link.read_only) {
    info.read_only = true;
    if (link.right.is_list) {
      return dsl::InvalidAt(label + ": a readOnly link cannot have right.isList", where + ".right.isList");
    }
    if (link.left.field.empty()) {
      return dsl::InvalidAt(label + ": a readOnly link needs left.field (the foreign key on '" +
                                left.name + "')",
                            where + ".left.field");
    }
    ColumnId fk = left.ColumnIndex(link.left.field);
    if (fk == catalog::kNoColumn || left.columns[fk].implicit) {
      return dsl::InvalidAt(label + ": entity '" + left.name + "' has no property '" +
                                link.left.field + "'",
                            where + ".left.field");
    }
    LG_RETURN_IF_ERROR(CheckFreeName(left, right_alias, "alias", where + ".right.alias"));
    LG_RETURN_IF_ERROR(CheckFreeName(right, left_alias, "alias", where + ".left.alias"));
    left.columns[fk].hash_indexed = true;
    AddRelation(left, Relation(right_alias, catalog::RelationKind::kSingle, left_id, right_id,
                               {catalog::HopStep{fk, right_id, right.primary_key}}, label));
    AddRelation(right, Relation(left_alias, catalog::RelationKind::kList, right_id, left_id,
                                {catalog::HopStep{right.primary_key, left_id, fk}}, label));
    info.left_key = fk;
    define_links_.push_back(std::move(info));
    return absl::OkStatus();
  }
  // The pivot entity.
  std::string table = link.table.empty() ? left.name + "_" + right.name : link.table;
  if (!base::IsIdentifier(table)) return dsl::InvalidAt("table '" + table + "' is not an identifier", where + ".database.table");
  for (EntityId id = 0; id < EntityCount(); ++id) {
    if (Entity(id).module == "link" && Entity(id).name == table) {
      return dsl::InvalidAt(label + ": the link table '" + table +
                                "' is already taken; name another with database.table",
                            where + ".database.table");
    }
  }
  std::string left_key = (self ? left_alias : left.name) + "_id";
  std::string right_key = (self ? right_alias : right.name) + "_id";
  auto pivot = std::make_unique<EntityDef>();
  pivot->name = table;
  pivot->plural = Pluralize(table);
  pivot->pascal = ToPascalCase(table);
  pivot->module = "link";
  auto key_column = [](const std::string& name, const catalog::ColumnDef& pk) {
    catalog::ColumnDef c;
    c.name = name;
    c.type = pk.type == ColumnType::kNumber ? ColumnType::kNumber : ColumnType::kText;
    c.hash_indexed = true;
    return c;
  };
  catalog::ColumnDef id;
  id.name = "id";
  id.type = ColumnType::kId;
  id.primary_key = true;
  id.hash_indexed = true;
  id.id_prefix = link.id_prefix.empty() ? "link" : link.id_prefix;
  pivot->columns.push_back(id);
  pivot->primary_key = 0;
  pivot->columns.push_back(key_column(left_key, lpk));
  pivot->columns.push_back(key_column(right_key, rpk));
  std::vector<std::optional<OwnedCell>> defaults(3);
  for (const auto& [name, prop] : link.extra_columns) {
    std::string pwhere = where + ".database.extraColumns." + name;
    if (!base::IsIdentifier(name) || IsImplicit(name) || pivot->FindColumn(name) != nullptr) {
      return dsl::InvalidAt("extra column '" + name + "' clashes with a column of the link table",
                            pwhere);
    }
    catalog::ColumnDef c;
    c.name = name;
    c.type = ToColumnType(prop.type);
    c.nullable = prop.nullable;
    c.index = prop.index;
    c.enum_values = prop.values;
    c.default_json = prop.default_json;
    c.default_now = prop.default_now;
    if (prop.primary_key || prop.unique) {
      return dsl::InvalidAt("extra columns cannot be primaryKey or unique", pwhere);
    }
    LG_RETURN_IF_ERROR(CheckProperty(c, pwhere));
    std::optional<OwnedCell> def;
    if (c.default_json) {
      OwnedCell cell;
      absl::Status ds = ReadOwnedCell(*c.default_json, c, &cell);
      if (!ds.ok()) return dsl::InvalidAt("invalid default for '" + name + "': " + dsl::Msg(ds), pwhere);
      def = std::move(cell);
    }
    pivot->columns.push_back(std::move(c));
    pivot->Reindex();
    defaults.push_back(std::move(def));
  }
  for (const char* ts : {"created_at", "updated_at", "deleted_at"}) {
    catalog::ColumnDef c;
    c.name = ts;
    c.type = ColumnType::kDateTime;
    c.nullable = std::string_view(ts) == "deleted_at";
    c.implicit = true;
    pivot->columns.push_back(c);
    defaults.emplace_back();
  }
  pivot->created_at = static_cast<ColumnId>(pivot->columns.size() - 3);
  pivot->updated_at = pivot->created_at + 1;
  pivot->deleted_at = pivot->created_at + 2;
  pivot->Reindex();
  EntityId pivot_id = static_cast<EntityId>(EntityCount());
  pivot->id = pivot_id;
  // Pivot -> each side, single relations named after the side (the alias for self-links).
  std::string to_left = self ? left_alias : left.name;
  std::string to_right = self ? right_alias : right.name;
  pivot->relations.push_back(Relation(to_left, catalog::RelationKind::kSingle, pivot_id, left_id,
                                      {catalog::HopStep{1, left_id, left.primary_key}}, label));
  pivot->relations.push_back(Relation(to_right, catalog::RelationKind::kSingle, pivot_id,
                                      right_id,
                                      {catalog::HopStep{2, right_id, right.primary_key}}, label));
  pivot->Reindex();
  // Each side reaches the other side's rows (two steps through the pivot) and the pivot rows.
  LG_RETURN_IF_ERROR(CheckFreeName(left, right_alias, "alias", where + ".right.alias"));
  LG_RETURN_IF_ERROR(CheckFreeName(left, right_alias + "_link", "alias", where + ".right.alias"));
  if (self && left_alias == right_alias) {
    return dsl::InvalidAt(label + ": both sides have the alias '" + left_alias + "'", where);
  }
  using catalog::RelationKind;
  RelationKind to_right_kind = link.right.is_list ? RelationKind::kList : RelationKind::kSingle;
  RelationKind to_left_kind = link.left.is_list ? RelationKind::kList : RelationKind::kSingle;
  catalog::RelationDef far_right =
      Relation(right_alias, to_right_kind, left_id, right_id,
               {catalog::HopStep{left.primary_key, pivot_id, 1},
                catalog::HopStep{2, right_id, right.primary_key}},
               label);
  far_right.order_by_target_pk = true;
  AddRelation(left, std::move(far_right));
  AddRelation(left, Relation(right_alias + "_link", to_right_kind, left_id, pivot_id,
                             {catalog::HopStep{left.primary_key, pivot_id, 1}}, label));
  EntityDef& right_ref = Entity(right_id);  // may be `left` for a self-link
  LG_RETURN_IF_ERROR(CheckFreeName(right_ref, left_alias, "alias", where + ".left.alias"));
  LG_RETURN_IF_ERROR(
      CheckFreeName(right_ref, left_alias + "_link", "alias", where + ".left.alias"));
  catalog::RelationDef far_left =
      Relation(left_alias, to_left_kind, right_id, left_id,
               {catalog::HopStep{right_ref.primary_key, pivot_id, 2},
                catalog::HopStep{1, left_id, left.primary_key}},
               label);
  far_left.order_by_target_pk = true;
  AddRelation(right_ref, std::move(far_left));
  AddRelation(right_ref, Relation(left_alias + "_link", to_left_kind, right_id, pivot_id,
                                  {catalog::HopStep{right_ref.primary_key, pivot_id, 2}}, label));
  info.pivot = pivot_id;
  info.left_key = 1;
  info.right_key = 2;
  info.left_key_name = left_key;
  info.right_key_name = right_key;
  staged_.push_back(std::move(pivot));
  staged_defaults_.push_back(std::move(defaults));
  define_links_.push_back(std::move(info));
  return absl::OkStatus();
}

}  // namespace linkgraph::modules
