// The link catalog: every entity, its columns and its relations, with every name computed at
// registration so the binder only looks names up.
//
// A relation is a named, directed edge from one entity to another, executed by the same batched
// hop whatever declared it (a seed-form link, a defineLink, an in-module relationship). Each
// relation is a chain of one or more steps; a step joins a column of the current entity to an
// indexed column of the next entity (`product.id -> review.product_id`).
//
// Example:
//   const EntityDef* product = catalog.FindEntity("product");
//   const RelationDef* rel = product->FindRelation("product_reviews");
//   // rel->kind == RelationKind::kList, rel->target == review's id
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "engine/catalog/column_type.h"
#include "engine/types/hash_grow.h"

namespace linkgraph::catalog {

using EntityId = uint32_t;
using ColumnId = uint32_t;
inline constexpr ColumnId kNoColumn = UINT32_MAX;

struct ColumnDef {
  std::string name;
  ColumnType type = ColumnType::kText;
  bool primary_key = false;
  bool nullable = false;
  bool index = false;       // ordered index (ranges, order)
  bool unique = false;      // unique among live rows
  bool searchable = false;  // feeds the free-text filter `q`
  bool implicit = false;    // created_at / updated_at / deleted_at
  bool hash_indexed = false;  // a hash index is kept (primary key, unique, link keys)
  std::string id_prefix;    // kId: generated ids are `prefix_` + ULID
  std::vector<std::string> enum_values;
  std::optional<std::string> default_json;  // canonical JSON text of the default
  bool default_now = false;                 // dateTime default `now`
};

// The dictionary code of `text` in the enum column `col`; InvalidArgument `'x' is not a value of
// enum 'status' (values: draft, published)` (without location) when it is none. One message for
// rows written and filters bound.
absl::StatusOr<int64_t> EnumCode(const ColumnDef& col, std::string_view text);

enum class RelationKind : uint8_t { kList, kSingle };

// One join step: `from_column` of the current entity equals `to_column` of `target`.
struct HopStep {
  ColumnId from_column = kNoColumn;
  EntityId target = 0;
  ColumnId to_column = kNoColumn;
};

struct RelationDef {
  std::string name;
  RelationKind kind = RelationKind::kList;
  EntityId source = 0;          // the entity the relation belongs to
  EntityId target = 0;          // the entity whose rows the relation yields
  std::vector<HopStep> steps;   // at least one; the last step's target is `target`
  // A list through a pivot: each parent's rows come in the target's primary-key order.
  bool order_by_target_pk = false;
  std::string origin;           // for messages and Explain: "link product_reviews of module review"
};

struct EntityDef {
  EntityId id = 0;
  std::string name;    // snake_case
  std::string plural;  // pluralised name
  std::string pascal;  // PascalCase, for messages and method names
  std::string module;
  std::vector<ColumnDef> columns;  // declared properties, FKs of belongsTo, then timestamps
  ColumnId primary_key = kNoColumn;
  ColumnId created_at = kNoColumn;
  ColumnId updated_at = kNoColumn;
  ColumnId deleted_at = kNoColumn;
  std::vector<RelationDef> relations;

  // Column by name, or nullptr.
  const ColumnDef* FindColumn(std::string_view name) const;
  ColumnId ColumnIndex(std::string_view name) const;  // kNoColumn when unknown
  // Relation by name, or nullptr.
  const RelationDef* FindRelation(std::string_view name) const;
  // Every column and relation name, for suggestions.
  std::vector<std::string_view> ColumnNames() const;
  std::vector<std::string_view> RelationNames() const;
  // `module.name`
  std::string QualifiedName() const { return module + "." + name; }

  // Rebuilds the name maps; call after changing columns or relations.
  void Reindex();

 private:
  // Copied and filled without the risk of a failed allocation corrupting them (hash_grow.h).
  types::SafelyCopied<absl::flat_hash_map<std::string, ColumnId>> column_by_name_;
  types::SafelyCopied<absl::flat_hash_map<std::string, uint32_t>> relation_by_name_;
};

class Catalog {
 public:
  Catalog() = default;
  // A deep copy: the copy's entities are its own (a registration edits the next version of the
  // catalog while queries read the published one).
  Catalog(const Catalog& other);
  Catalog& operator=(const Catalog& other);
  Catalog(Catalog&&) = default;
  Catalog& operator=(Catalog&&) = default;

  const std::vector<std::unique_ptr<EntityDef>>& entities() const { return entities_; }
  const EntityDef& entity(EntityId id) const { return *entities_[id]; }
  EntityDef& mutable_entity(EntityId id) { return *entities_[id]; }
  size_t size() const { return entities_.size(); }

  // Adds an entity; assigns its id. The caller then calls IndexNames().
  EntityDef& AddEntity(std::unique_ptr<EntityDef> entity);

  // Rebuilds the name lookup after entities were added.
  void IndexNames();

  // Resolves an entity named by its name, its plural, `module.name` or `module.plural`. An exact
  // name beats a plural; a bare name found in two modules is an error listing both. Unknown names
  // get suggestions. Returns InvalidArgument with the message only (the caller adds the location).
  absl::StatusOr<EntityId> ResolveEntity(std::string_view name) const;

  // Every name ResolveEntity accepts, for suggestions.
  std::vector<std::string_view> EntityNames() const;

  bool HasModule(std::string_view module) const;

 private:
  std::vector<std::unique_ptr<EntityDef>> entities_;
  // name -> entity ids with that exact name; plural -> ids; "module.x" -> id.
  types::SafelyCopied<absl::flat_hash_map<std::string, std::vector<EntityId>>> by_name_;
  types::SafelyCopied<absl::flat_hash_map<std::string, std::vector<EntityId>>> by_plural_;
  types::SafelyCopied<absl::flat_hash_map<std::string, EntityId>> by_qualified_;
};

}  // namespace linkgraph::catalog
