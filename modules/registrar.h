// The registrar: stages a Schema's modules, models, relationships and links against the catalog
// (every check runs before anything changes), then applies them. Internal to modules/.
// One topic per file: registration.cc (modules, models, apply), registration_links.cc (the
// seed's links and defineLink), registration_relations.cc (in-module relationships).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/catalog/catalog.h"
#include "linkgraph/schema.h"
#include "engine/store/store.h"
#include "modules/catalog_version.h"

namespace linkgraph::modules {

catalog::ColumnType ToColumnType(PropertyType t);
// created_at, updated_at, deleted_at.
bool IsImplicit(std::string_view name);

class Registrar {
 public:
  // Registers into `next` (a copy of the published catalog version) and `store` (the writer's
  // version of the stores, its tables bound to `next`'s entities).
  Registrar(CatalogVersion* next, store::Store* store) : next_(next), store_(store) {}

  // Stages `schema` (every check runs before anything changes), then applies it to `next` and
  // `store`. On failure the caller drops both.
  absl::Status Run(const Schema& schema);

 private:
  using ColumnDef = catalog::ColumnDef;
  using ColumnId = catalog::ColumnId;
  using EntityDef = catalog::EntityDef;
  using EntityId = catalog::EntityId;

  // Registered entities, then staged ones.
  size_t EntityCount() const { return next_->catalog.size() + staged_.size(); }
  EntityDef& Entity(EntityId id) {
    size_t n = next_->catalog.size();
    return id < n ? next_->catalog.mutable_entity(id) : *staged_[id - n];
  }

  // registration.cc
  absl::Status StageModule(const ModuleDef& mod, const std::string& where);
  absl::Status StageModel(const ModuleDef& mod, const Model& model, const std::string& where);
  absl::Status CheckProperty(const ColumnDef& c, const std::string& where);
  // Every entity (registered or staged) named `name`: name, plural, module.name.
  absl::StatusOr<EntityId> Resolve(std::string_view name);
  void Apply();

  // registration_links.cc
  // A relation name must be free on its entity: no column, no relation.
  absl::Status CheckFreeName(const EntityDef& e, const std::string& name, const std::string& what,
                             const std::string& where);
  absl::Status StageLink(const ModuleDef& mod, const ModuleLink& link, const std::string& where);
  // The entity `entity` of module `module` (both required).
  absl::StatusOr<EntityId> ResolveSide(const LinkSide& side, const std::string& where);
  static catalog::RelationDef Relation(std::string name, catalog::RelationKind kind,
                                       EntityId source, EntityId target,
                                       std::vector<catalog::HopStep> steps, std::string origin);
  void AddRelation(EntityDef& e, catalog::RelationDef r);
  absl::Status StageDefineLink(const DefineLink& link, const std::string& where);

  // registration_relations.cc
  // belongsTo foreign-key columns of a staged model (before its timestamps).
  absl::Status StageBelongsToColumns(const ModuleDef& mod, const Model& model, EntityDef* e,
                                     std::vector<std::optional<OwnedCell>>* defaults,
                                     const std::string& where);
  // The relations of a module's relationships, once all its models are staged.
  absl::Status StageRelationships(const ModuleDef& mod, const std::string& where);

  CatalogVersion* next_;
  store::Store* store_;
  std::vector<std::unique_ptr<EntityDef>> staged_;
  std::vector<std::vector<std::optional<OwnedCell>>> staged_defaults_;
  std::vector<SeedLinkInfo> seed_links_;
  std::vector<DefineLinkInfo> define_links_;
  std::vector<BelongsToInfo> belongs_to_;
  std::vector<NestedInfo> nested_;
};

}  // namespace linkgraph::modules
