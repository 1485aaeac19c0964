// Migrations inside the library (Database::Migrate, migration.h in include/): a plan computed by
// comparing the published catalog version with the one the wanted schema registers, checked
// against the published data, then a new store version built by copying every kept table's rows
// (row ids kept, so later log records still apply) with converted, filled or dropped columns.
//
// One concept per file: migration_plan.cc (the comparison, its steps and refusals),
// migration_copy.cc (the rows), migrate.cc (the Database entry points, logging and replay).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/catalog/catalog.h"
#include "engine/store/store.h"
#include "linkgraph/database.h"
#include "linkgraph/migration.h"
#include "modules/catalog_version.h"
#include "modules/state.h"
#include "modules/value_reader.h"

namespace linkgraph::modules {

// Where a column of a migrated table takes its values from.
struct ColumnSource {
  enum class Kind : uint8_t {
    kNull,     // a new column without default: null in every row
    kFill,     // a new column with a default: `fill` in every row
    kCopy,     // the old column `from`, values as they are
    kConvert,  // the old column `from`, converted to the new column's type (ConvertCell)
  };
  Kind kind = Kind::kNull;
  catalog::ColumnId from = catalog::kNoColumn;
  OwnedCell fill{};
};

// How the rows of one table of the next version are built.
struct TableMigration {
  catalog::EntityId entity = 0;                   // in the next catalog
  std::optional<catalog::EntityId> from{};        // in the published catalog: rows copied
  std::vector<ColumnSource> columns{};            // per column of `entity`
};

// A computed migration.
struct Migration {
  MigrationPlan plan;
  // The next catalog version (schemas, number and history set) and its store version, whose
  // tables registration created empty.
  std::shared_ptr<CatalogVersion> next;
  store::Store store;
  std::vector<TableMigration> tables;
};

// Compares `from` with what `schema` registers and checks each step against `from`'s rows.
// InvalidArgument when `schema` does not register or a rename names nothing (located
// `renames[i]`). `now` fills dateTime defaults of `now` and dates the history entry.
absl::StatusOr<Migration> PlanMigration(const PublishedVersion& from, const Schema& schema,
                                        const MigrateOptions& options, int64_t now);

// `cell`, a value of the old column `from`, as a value of `to`; `scratch` holds text it makes.
// InvalidArgument saying why when it does not convert losslessly.
absl::StatusOr<store::Cell> ConvertCell(const catalog::ColumnDef& from,
                                        const catalog::ColumnDef& to, const store::Cell& cell,
                                        std::string* scratch);

// A value for messages: 'text', 42, true, the enum's value, an ISO-8601 time.
std::string ShowCell(const catalog::ColumnDef& column, const store::Cell& cell);

// Fills `m->store` with `from`'s rows as `m->tables` say. REQUIRES: the plan is not refused
// (every conversion succeeds); Internal otherwise. Throws std::bad_alloc like every store write.
absl::Status CopyRows(const store::Store& from, Migration* m);

// Database::Migrate's work, and the replay of a logged migration (`log` false): plans, applies
// and publishes under the commit lock (held by the caller), logging first when `log`.
absl::StatusOr<MigrationPlan> RunMigration(Database::State* state, const Schema& schema,
                                           const MigrateOptions& options, int64_t now,
                                           bool log);

// Database::Open with DatabaseOptions::schema: registers it in a database without a schema;
// otherwise FailedPrecondition listing the steps a migration to it would take.
absl::Status ExpectSchema(Database& db, std::string_view dir);

// A logged migration's payload: the catalog number it makes, its clock reading, options and
// schema (as §8 JSON).
struct MigrationRecord {
  uint64_t catalog_number = 0;
  int64_t now = 0;
  MigrateOptions options;
  std::string schema_json;
};
std::string EncodeMigrationRecord(const MigrationRecord& r);
absl::StatusOr<MigrationRecord> DecodeMigrationRecord(std::string_view payload);

}  // namespace linkgraph::modules
