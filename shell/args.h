// The command line (DESIGN.md §6):
//   linkgraph [--db DIR] [--schema FILE] [--load [ENTITY=]FILE]... [--format json|table]
//             [-c STATEMENTS]... [SCRIPT]
// (`linkgraph migrate …` is shell/migrate.h)
// and the environment that makes runs deterministic for tests (LINKGRAPH_TEST_CLOCK,
// LINKGRAPH_TEST_ID_SEED). Every error here is a usage error (exit 2).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "linkgraph/database.h"
#include "shell/output.h"

namespace linkgraph::shell {

struct Args {
  bool help = false;
  bool version = false;  // --version
  std::string db;        // --db: a durable database's directory; empty: in memory
  std::string schema;
  struct Load {
    std::string entity;  // before `=`, or empty
    std::string path;
  };
  std::vector<Load> loads;
  std::optional<Format> format;
  std::vector<std::string> commands;  // each -c
  std::string script;                 // empty: none
};

// Parses argv (`linkgraph migrate …` is parsed by ParseMigrateArgs, shell/migrate.h).
absl::StatusOr<Args> ParseArgs(int argc, const char* const* argv);

// The usage text (ends in a newline).
std::string Usage();

// DatabaseOptions from LINKGRAPH_TEST_CLOCK=<ISO-8601 start time> (each commit 1 ms later) and
// LINKGRAPH_TEST_ID_SEED=<uint64>; malformed values are errors.
absl::StatusOr<DatabaseOptions> OptionsFromEnvironment();

}  // namespace linkgraph::shell
