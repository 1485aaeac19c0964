// Database::Migrate and Database::Migrations (migration.h).
#include "linkgraph/database.h"
#include "modules/guard.h"

namespace linkgraph {

absl::StatusOr<MigrationPlan> Database::Migrate(const Schema& schema,
                                                const MigrateOptions& options) {
  (void)schema;
  (void)options;
  return absl::UnimplementedError("Migrate: not built yet");
}

std::vector<MigrationInfo> Database::Migrations() { return {}; }

}  // namespace linkgraph
