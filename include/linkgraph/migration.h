// Migrations (Database::Migrate): the registered schema changed into another one, with the data
// following it, atomically. The plan is computed by comparing the stored schema with the wanted
// one model by model and property by property (names, not order), and checked against the data
// before anything changes: a step that would lose or invent data is refused with the reason,
// the first offending rows, and what would make it safe.
//
// Example:
//   linkgraph::MigrateOptions options;
//   options.renames.push_back({"product", "name", "title"});
//   options.dry_run = true;
//   LG_ASSIGN_OR_RETURN(linkgraph::MigrationPlan plan, db.Migrate(new_schema, options));
//   for (const auto& step : plan.steps) std::cout << step.text << "\n";
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "linkgraph/export.h"

namespace linkgraph {

// `--rename ENTITY.OLD=NEW`: the property `from` of `entity` (name, plural or module.name, as
// the stored schema knows it) is the property `to` of the wanted schema, data kept.
struct PropertyRename {
  std::string entity{};
  std::string from{};
  std::string to{};
};

struct MigrateOptions {
  std::vector<PropertyRename> renames{};
  // Lets the migration drop models, properties, relationships and links that hold data (their
  // data is lost). Without it such a drop is refused.
  bool allow_drop = false;
  // Computes and checks the plan without applying it.
  bool dry_run = false;
};

// One step of a plan, one line each:
//   add model review.review_photo
//   add property product.product.subtitle (text, nullable)
//   add property product.product.status (enum, default "draft": 3 rows filled)
//   drop property product.product.legacy_code (2 rows hold a value; --allow-drop given)
//   rename property product.product.name -> title
//   change type of product.product.stock: number -> float
//   add unique rule on product.product.sku (checked: 3 rows)
//   add link product.product <-> collection.collection (pivot link.product_collection)
struct MigrationStep {
  std::string text{};
  // Why the step cannot run, with what would make it safe; empty when it can.
  std::string refusal{};
  // The first rows in the way of a refused step (up to 5): "prod_1: 'x' is not a value of
  // enum 'status'".
  std::vector<std::string> offending{};
};

struct MigrationPlan {
  std::vector<MigrationStep> steps{};  // empty: the schemas are the same
  bool applied = false;  // false for a dry run, a refused plan, or one with no steps
  bool refused() const {
    for (const MigrationStep& s : steps) {
      if (!s.refusal.empty()) return true;
    }
    return false;
  }
};

// One applied migration, as Database::Migrations lists them.
struct MigrationInfo {
  uint64_t number = 0;          // 1 for the first migration, one more with each
  int64_t applied_micros = 0;   // the clock reading when it was applied
  std::vector<std::string> steps{};
};

}  // namespace linkgraph
