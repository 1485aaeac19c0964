// `linkgraph migrate` (DESIGN.md §6, docs/migrations.md):
//   linkgraph migrate --db DIR --schema FILE [--rename ENTITY.OLD=NEW]... [--allow-drop] [--dry-run]
// changes the schema stored in the durable database DIR into the schema of FILE, the data
// following it (Database::Migrate). The plan is printed on standard output, one line per step;
// a refused plan prints each refused step with its reason and first offending rows on standard
// error and changes nothing. Exit 0 when applied (or printed, with --dry-run), 1 when refused,
// 2 on a usage error or a database or schema file that does not open.
//
// Example:
//   if (argc > 1 && std::string_view(argv[1]) == "migrate") return RunMigrate(argc, argv, ...);
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "linkgraph/database.h"

namespace linkgraph::shell {

struct MigrateArgs {
  bool help = false;
  std::string db;      // --db
  std::string schema;  // --schema
  MigrateOptions options;  // --rename, --allow-drop, --dry-run
  std::vector<std::string> rename_flags;  // each --rename's value as given, in order
};

// Parses `linkgraph migrate …` (argv[1] is "migrate"). Errors are usage errors.
absl::StatusOr<MigrateArgs> ParseMigrateArgs(int argc, const char* const* argv);

// The usage text of `linkgraph migrate` (ends in a newline).
std::string MigrateUsage();

// Runs `linkgraph migrate …`; returns the exit status (0, 1 or 2, as above).
int RunMigrate(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace linkgraph::shell
