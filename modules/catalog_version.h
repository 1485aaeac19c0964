// One version of what registration produced: the catalog queries bind against, the rules the
// commit path enforces (defaults, both link forms, belongsTo, nested creates), and the schemas
// registered so far. Immutable once published: Register edits a copy and publishes it with the
// store version it extended (Database::State), so a query running on the old version finishes on
// it, and a prepared query re-binds when it meets a new one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/catalog/catalog.h"
#include "linkgraph/migration.h"
#include "linkgraph/schema.h"
#include "modules/value_reader.h"

namespace linkgraph {

// A seed-form link as registered, for CheckIntegrity and cascades.
struct SeedLinkInfo {
  std::string alias;
  std::string module;
  catalog::EntityId holder = 0;
  catalog::ColumnId foreign_key = catalog::kNoColumn;
  catalog::EntityId target = 0;
  catalog::ColumnId target_field = catalog::kNoColumn;
  bool delete_cascade = false;
};

// A defineLink as registered: its pivot entity and the columns joining each side.
struct DefineLinkInfo {
  std::string label;  // "defineLink(product.product, collection.collection)"
  bool read_only = false;
  catalog::EntityId pivot = 0;  // !read_only
  catalog::EntityId left = 0, right = 0;
  // Pivot columns holding each side's key (read-only: left_key is the FK column on left).
  catalog::ColumnId left_key = catalog::kNoColumn, right_key = catalog::kNoColumn;
  std::string left_module, right_module;
  std::string left_key_name, right_key_name;  // inner keys of link rows ("product_id")
  bool left_list = false, right_list = false;
  bool left_cascade = false, right_cascade = false;
};

// An in-module belongsTo, as the commit path needs it: `fk` of `owner` names a row of `target`.
// Pivot tables of manyToMany relationships have one per side.
struct BelongsToInfo {
  std::string name;  // the relationship ("product"); for messages
  catalog::EntityId owner = 0;
  catalog::ColumnId fk = catalog::kNoColumn;
  catalog::EntityId target = 0;
  bool nullable = false;
  // The owner's rows follow a deleted target (a cascade listed on the target's hasMany/hasOne,
  // or a manyToMany pivot); otherwise a live owner row refuses the target's delete.
  bool follows_delete = false;
};

// A hasMany whose rows may be created nested in their parent's row, or a manyToMany whose
// target ids may be given there.
struct NestedInfo {
  std::string name;
  catalog::EntityId owner = 0;
  bool many_to_many = false;
  catalog::EntityId child = 0;                        // hasMany: the child; manyToMany: pivot
  catalog::ColumnId child_fk = catalog::kNoColumn;    // the child's (pivot's) key to the owner
  catalog::ColumnId pivot_target_key = catalog::kNoColumn;  // manyToMany
  catalog::EntityId target = 0;                       // manyToMany: the far entity
};

struct CatalogVersion {
  catalog::Catalog catalog;
  // Per entity, per column: the default, when declared.
  std::vector<std::vector<std::optional<modules::OwnedCell>>> defaults;
  std::vector<SeedLinkInfo> seed_links;
  std::vector<DefineLinkInfo> define_links;
  std::vector<BelongsToInfo> belongs_to;
  std::vector<NestedInfo> nested;
  // Every Register, in order (Database::SchemaJson); a migration replaces them with its schema.
  std::vector<Schema> schemas;
  // The migrations applied, oldest first (Database::Migrations).
  std::vector<MigrationInfo> migrations;
  // 0 before the first Register; one more with each.
  uint64_t number = 0;
};

}  // namespace linkgraph
