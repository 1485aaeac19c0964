// Registration of in-module relationships (DESIGN.md §2): belongsTo adds the indexed foreign key
// `<name>_id`; hasMany and hasOne are its inverses; manyToMany joins through a pivot entity of
// the module. Every relationship becomes a catalog relation executed by the same hop as links.
#include <algorithm>

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

namespace {

const Model* FindModel(const ModuleDef& mod, std::string_view name) {
  std::string snake = CamelToSnakeCase(name);
  for (const Model& m : mod.models) {
    if (CamelToSnakeCase(m.name) == snake) return &m;
  }
  return nullptr;
}

std::string ModelNames(const ModuleDef& mod) {
  std::string out;
  for (size_t i = 0; i < mod.models.size(); ++i) {
    out += (i ? ", " : "") + CamelToSnakeCase(mod.models[i].name);
  }
  return out;
}

const Relationship* FindRelationship(const Model& m, std::string_view name) {
  for (const auto& [n, r] : m.relationships) {
    if (n == name) return &r;
  }
  return nullptr;
}

}  // namespace

absl::Status Registrar::StageBelongsToColumns(const ModuleDef& mod, const Model& model,
                                              EntityDef* e,
                                              std::vector<std::optional<OwnedCell>>* defaults,
                                              const std::string& where) {
  for (const auto& [name, rel] : model.relationships) {
    std::string rwhere = where + ".relationships." + name;
    if (!base::IsIdentifier(name)) return dsl::InvalidAt("'" + name + "' is not an identifier", rwhere);
    const Model* target = FindModel(mod, rel.target);
    if (target == nullptr) {
      return dsl::InvalidAt("unknown target '" + rel.target + "' of relationship '" + name +
                                "'; models of module '" + mod.name + "': " + ModelNames(mod),
                            rwhere + ".target");
    }
    if (rel.type != RelationshipType::kBelongsTo) continue;
    std::string fk = CamelToSnakeCase(name + "Id");
    if (e->FindColumn(fk) != nullptr) {
      return dsl::InvalidAt("belongsTo '" + name + "' adds the column '" + fk +
                                "', which is already a property of '" + e->name + "'",
                            rwhere);
    }
    const Property* pk = nullptr;
    for (const auto& [pn, p] : target->properties) {
      if (p.primary_key) pk = &p;
    }
    if (pk == nullptr) return dsl::InvalidAt("the target of '" + name + "' has no primary key", rwhere);
    ColumnDef c;
    c.name = fk;
    c.type = pk->type == PropertyType::kNumber ? ColumnType::kNumber : ColumnType::kText;
    c.nullable = rel.nullable;
    c.hash_indexed = true;
    e->columns.push_back(std::move(c));
    defaults->emplace_back();
  }
  e->Reindex();
  return absl::OkStatus();
}

absl::Status Registrar::StageRelationships(const ModuleDef& mod, const std::string& where) {
  auto staged = [&](std::string_view model_name) -> EntityDef& {
    std::string snake = CamelToSnakeCase(model_name);
    for (auto& e : staged_) {
      if (e->module == mod.name && e->name == snake) return *e;
    }
    return *staged_.front();  // unreachable: models were staged before
  };
  for (size_t mi = 0; mi < mod.models.size(); ++mi) {
    const Model& model = mod.models[mi];
    std::string mwhere = where + ".models[" + std::to_string(mi) + "]";
    for (const std::string& c : model.cascade_delete) {
      const Relationship* r = FindRelationship(model, c);
      if (r == nullptr || (r->type != RelationshipType::kHasMany && r->type != RelationshipType::kHasOne)) {
        return dsl::InvalidAt("cannot cascade delete '" + c + "' from '" +
                                  CamelToSnakeCase(model.name) +
                                  "': cascades list hasMany or hasOne relationships of the model",
                              mwhere + ".cascades");
      }
    }
    for (const auto& [name, rel] : model.relationships) {
      std::string rwhere = mwhere + ".relationships." + name;
      EntityDef& owner = staged(model.name);
      EntityDef& target = staged(rel.target);
      const Model& target_model = *FindModel(mod, rel.target);
      LG_RETURN_IF_ERROR(CheckFreeName(owner, name, "relationship", rwhere));
      std::string label = std::string(RelationshipTypeName(rel.type)) + " '" + name + "' of " +
                          owner.QualifiedName();
      if (rel.type == RelationshipType::kBelongsTo) {
        ColumnId fk = owner.ColumnIndex(CamelToSnakeCase(name + "Id"));
        if (!rel.mapped_by.empty()) {
          const Relationship* inverse = FindRelationship(target_model, rel.mapped_by);
          if (inverse == nullptr || (inverse->type != RelationshipType::kHasMany &&
                                  inverse->type != RelationshipType::kHasOne)) {
            return dsl::InvalidAt("belongsTo '" + name + "' is mapped by '" + rel.mapped_by +
                                      "', which is not a hasMany or hasOne of '" + target.name +
                                      "'",
                                  rwhere + ".mappedBy");
          }
        }
        AddRelation(owner, Relation(name, catalog::RelationKind::kSingle, owner.id, target.id,
                                    {catalog::HopStep{fk, target.id, target.primary_key}}, label));
        // Does the target cascade deletes to these rows (through the inverse relationship)?
        bool follows = false;
        for (const auto& [tn, tr] : target_model.relationships) {
          if ((tr.type == RelationshipType::kHasMany || tr.type == RelationshipType::kHasOne) &&
              CamelToSnakeCase(tr.target) == owner.name &&
              (tr.mapped_by.empty() ? owner.name : tr.mapped_by) == name &&
              std::find(target_model.cascade_delete.begin(), target_model.cascade_delete.end(),
                        tn) != target_model.cascade_delete.end()) {
            follows = true;
          }
        }
        belongs_to_.push_back(BelongsToInfo{name, owner.id, fk, target.id, rel.nullable, follows});
        continue;
      }
      if (rel.type == RelationshipType::kHasMany || rel.type == RelationshipType::kHasOne) {
        std::string mapped = rel.mapped_by.empty() ? owner.name : rel.mapped_by;
        const Relationship* inverse = FindRelationship(target_model, mapped);
        if (inverse == nullptr) {
          return dsl::InvalidAt("missing property '" + mapped + "' on entity '" + target.name +
                                    "': define it as a belongsTo relationship (mappedBy of " +
                                    label + ")",
                                rwhere + ".mappedBy");
        }
        if (inverse->type != RelationshipType::kBelongsTo || CamelToSnakeCase(inverse->target) != owner.name) {
          return dsl::InvalidAt("invalid relationship reference '" + mapped + "' on entity '" +
                                    target.name + "': it must be a belongsTo '" + owner.name +
                                    "'",
                                rwhere + ".mappedBy");
        }
        ColumnId fk = target.ColumnIndex(CamelToSnakeCase(mapped + "Id"));
        auto kind = rel.type == RelationshipType::kHasMany ? catalog::RelationKind::kList
                                          : catalog::RelationKind::kSingle;
        AddRelation(owner, Relation(name, kind, owner.id, target.id,
                                    {catalog::HopStep{owner.primary_key, target.id, fk}}, label));
        if (rel.type == RelationshipType::kHasMany) {
          nested_.push_back(NestedInfo{name, owner.id, false, target.id, fk, catalog::kNoColumn, 0});
        }
        continue;
      }
      // manyToMany: a pivot entity of the module, shared with the inverse side.
      if (owner.id == target.id) {
        return dsl::InvalidAt("manyToMany from a model to itself is not supported", rwhere);
      }
      std::string pivot_name = rel.pivot_table;
      if (pivot_name.empty() && !rel.mapped_by.empty()) {
        const Relationship* inverse = FindRelationship(target_model, rel.mapped_by);
        if (inverse != nullptr) pivot_name = inverse->pivot_table;
      }
      if (pivot_name.empty()) {
        std::string a = CamelToSnakeCase(owner.name), b = CamelToSnakeCase(target.name);
        if (b < a) std::swap(a, b);
        pivot_name = a + "_" + Pluralize(b);
      }
      EntityDef* pivot = nullptr;
      for (auto& e : staged_) {
        if (e->module == mod.name && e->name == pivot_name) pivot = e.get();
      }
      std::string owner_key = owner.name + "_id", target_key = target.name + "_id";
      if (pivot != nullptr && (pivot->FindColumn(owner_key) == nullptr ||
                               pivot->FindColumn(target_key) == nullptr)) {
        return dsl::InvalidAt("pivot table '" + pivot_name + "' is already a model of module '" +
                                  mod.name + "'; name another with pivotTable",
                              rwhere + ".pivotTable");
      }
      if (pivot == nullptr) {
        auto p = std::make_unique<EntityDef>();
        p->name = pivot_name;
        p->plural = Pluralize(pivot_name);
        p->pascal = ToPascalCase(pivot_name);
        p->module = mod.name;
        ColumnDef id;
        id.name = "id";
        id.type = ColumnType::kId;
        id.primary_key = true;
        id.hash_indexed = true;
        p->columns.push_back(id);
        p->primary_key = 0;
        std::string a_name = std::min(owner.name, target.name);
        std::string b_name = std::max(owner.name, target.name);
        for (const std::string& side : {a_name, b_name}) {
          const EntityDef& end = side == owner.name ? owner : target;
          ColumnDef k;
          k.name = side + "_id";
          k.type = end.columns[end.primary_key].type == ColumnType::kNumber ? ColumnType::kNumber
                                                                             : ColumnType::kText;
          k.hash_indexed = true;
          p->columns.push_back(k);
        }
        for (const char* ts : {"created_at", "updated_at", "deleted_at"}) {
          ColumnDef c;
          c.name = ts;
          c.type = ColumnType::kDateTime;
          c.nullable = std::string_view(ts) == "deleted_at";
          c.implicit = true;
          p->columns.push_back(c);
        }
        p->created_at = 3;
        p->updated_at = 4;
        p->deleted_at = 5;
        p->id = static_cast<EntityId>(EntityCount());
        p->Reindex();
        EntityId pid = p->id;
        for (int i = 1; i <= 2; ++i) {
          const std::string& side = i == 1 ? a_name : b_name;
          EntityId end = side == owner.name ? owner.id : target.id;
          const EntityDef& end_def = side == owner.name ? owner : target;
          p->relations.push_back(Relation(side, catalog::RelationKind::kSingle, pid, end,
                                          {catalog::HopStep{static_cast<ColumnId>(i), end,
                                                            end_def.primary_key}},
                                          "the pivot of " + label));
          belongs_to_.push_back(
              BelongsToInfo{side, pid, static_cast<ColumnId>(i), end, false, true});
        }
        p->Reindex();
        pivot = p.get();
        staged_.push_back(std::move(p));
        staged_defaults_.emplace_back(6);
      }
      ColumnId pk_owner = pivot->ColumnIndex(owner_key), pk_target = pivot->ColumnIndex(target_key);
      catalog::RelationDef far = Relation(name, catalog::RelationKind::kList, owner.id, target.id,
                                          {catalog::HopStep{owner.primary_key, pivot->id, pk_owner},
                                           catalog::HopStep{pk_target, target.id, target.primary_key}},
                                          label);
      far.order_by_target_pk = true;
      AddRelation(staged(model.name), std::move(far));
      nested_.push_back(
          NestedInfo{name, owner.id, true, pivot->id, pk_owner, pk_target, target.id});
    }
  }
  return absl::OkStatus();
}

}  // namespace linkgraph::modules
