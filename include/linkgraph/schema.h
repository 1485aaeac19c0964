// Schemas: modules, their data models, and the links between modules, built in C++ the way
// Medusa's `model.define` and `Module(...)` build them (or read from the JSON of DESIGN.md §8
// with Database::RegisterJson).
//
// Example:
//   using namespace linkgraph;
//   Schema schema;
//   schema.modules.push_back(Module("product", {
//       model::Define("product", {{"id", model::Id("prod").PrimaryKey()},
//                                 {"title", model::Text().Searchable()}})}));
//   schema.modules.push_back(Module("review",
//       {model::Define("review", {{"id", model::Id().PrimaryKey()},
//                                 {"product_id", model::Text()},
//                                 {"rating", model::Integer()}})},
//       {{.alias = "product_reviews", .foreign_key = "product_id", .primary_key = "id",
//         .foreign_key_target_field = "id"}}));
//   LG_RETURN_IF_ERROR(db.Register(schema));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "linkgraph/export.h"

namespace linkgraph {

enum class PropertyType {
  kId, kText, kNumber, kFloat, kBigNumber, kBoolean, kDateTime, kEnum, kJson, kArray
};

// One property of a data model. Built with the model:: functions and chained modifiers.
struct LINKGRAPH_EXPORT Property {
  PropertyType type = PropertyType::kText;
  std::string prefix{};  // kId only
  bool primary_key = false;
  bool nullable = false;
  bool index = false;
  bool unique = false;
  bool searchable = false;
  std::vector<std::string> values{};          // kEnum: the declared values
  std::optional<std::string> default_json{};  // the default as JSON text ("\"draft\"", "0")
  bool default_now = false;                 // kDateTime: default now

  Property& PrimaryKey() { primary_key = true; return *this; }
  Property& Nullable() { nullable = true; return *this; }
  Property& Index() { index = true; return *this; }
  Property& Unique() { unique = true; return *this; }
  Property& Searchable() { searchable = true; return *this; }
  // The default value, written as JSON text: Default("\"draft\""), Default("4").
  Property& DefaultJson(std::string json) { default_json = std::move(json); return *this; }
  // A text or enum default.
  Property& Default(const char* text);
  Property& Default(const std::string& text) { return Default(text.c_str()); }
  Property& Default(int64_t v) { default_json = std::to_string(v); return *this; }
  Property& Default(int v) { return Default(static_cast<int64_t>(v)); }
  Property& Default(bool v) { default_json = v ? "true" : "false"; return *this; }
  // A dateTime default of the commit time.
  Property& DefaultNow() { default_now = true; return *this; }
};

enum class RelationshipType { kHasMany, kHasOne, kBelongsTo, kManyToMany };

// Medusa's name of a relationship type: "hasMany", "hasOne", "belongsTo", "manyToMany".
inline std::string_view RelationshipTypeName(RelationshipType type) {
  switch (type) {
    case RelationshipType::kHasMany: return "hasMany";
    case RelationshipType::kHasOne: return "hasOne";
    case RelationshipType::kBelongsTo: return "belongsTo";
    case RelationshipType::kManyToMany: return "manyToMany";
  }
  return "";
}

// An in-module relationship: `model.hasMany(() => Variant, { mappedBy: "product" })` is
// {.type = RelationshipType::kHasMany, .target = "variant", .mapped_by = "product"}.
struct Relationship {
  RelationshipType type = RelationshipType::kBelongsTo;
  std::string target{};
  std::string mapped_by{};
  bool nullable = false;
  std::string pivot_table{};
};

// A data model: `model.define(name, properties)`. Property and relationship order is kept.
struct Model {
  std::string name{};
  std::vector<std::pair<std::string, Property>> properties{};
  std::vector<std::pair<std::string, Relationship>> relationships{};
  std::vector<std::string> cascade_delete{};
};

namespace model {
inline Property OfType(PropertyType type) {
  Property p;
  p.type = type;
  return p;
}
inline Property Id(std::string prefix = "") {
  Property p = OfType(PropertyType::kId);
  p.prefix = std::move(prefix);
  return p;
}
inline Property Text() { return OfType(PropertyType::kText); }
inline Property Number() { return OfType(PropertyType::kNumber); }
inline Property Integer() { return OfType(PropertyType::kNumber); }
inline Property Float() { return OfType(PropertyType::kFloat); }
inline Property BigNumber() { return OfType(PropertyType::kBigNumber); }
inline Property Boolean() { return OfType(PropertyType::kBoolean); }
inline Property DateTime() { return OfType(PropertyType::kDateTime); }
inline Property Json() { return OfType(PropertyType::kJson); }
inline Property Array() { return OfType(PropertyType::kArray); }
inline Property Enum(std::vector<std::string> values) {
  Property p = OfType(PropertyType::kEnum);
  p.values = std::move(values);
  return p;
}
inline Model Define(std::string name, std::vector<std::pair<std::string, Property>> properties) {
  Model m;
  m.name = std::move(name);
  m.properties = std::move(properties);
  return m;
}
}  // namespace model

// The seed's link form, declared on the module that holds the foreign key (DESIGN.md §3):
// `foreign_key` of a model of this module joins `foreign_key_target_field` of the target entity;
// the target gains the list relation `alias`, the holder the single relation named after the
// foreign key without `_id`.
struct ModuleLink {
  std::string alias{};
  std::string foreign_key{};
  std::string primary_key{};
  std::string foreign_key_target_field{};
  std::string entity{};  // optional: target entity ("product" or "product.product")
  std::string model{};   // optional: which model of this module holds the foreign key
  bool delete_cascade = false;
};

struct ModuleDef {
  std::string name{};
  std::vector<Model> models{};
  std::vector<ModuleLink> links{};
};

// `Module(name, { models, links })`.
inline ModuleDef Module(std::string name, std::vector<Model> models,
                        std::vector<ModuleLink> links = {}) {
  ModuleDef m;
  m.name = std::move(name);
  m.models = std::move(models);
  m.links = std::move(links);
  return m;
}

// One side of a defineLink (DESIGN.md §3).
struct LinkSide {
  std::string module{};
  std::string entity{};
  std::string field{};   // readOnly links: the foreign-key column on the left entity
  std::string alias{};   // the name under which the other side reaches this side's rows
  bool is_list = false;
  bool delete_cascade = false;
};

// Medusa v2's `defineLink(left, right, options)`: a pivot entity in module `link` (unless
// `read_only`), reachable from each side under the other side's alias and as `<alias>_link`.
//
// Example:
//   DefineLink product_collection{.left = {.module = "product", .entity = "product", .is_list = true},
//                                 .right = {.module = "collection", .entity = "collection",
//                                           .is_list = true}};
struct DefineLink {
  LinkSide left{};
  LinkSide right{};
  bool read_only = false;
  std::string table{};      // pivot entity name; default `<left>_<right>`
  std::string id_prefix{};  // pivot id prefix; default `link`
  std::vector<std::pair<std::string, Property>> extra_columns{};
};

struct Schema {
  std::vector<ModuleDef> modules{};
  std::vector<DefineLink> define_links{};
};

}  // namespace linkgraph
