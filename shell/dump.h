// `.dump DIR` (DESIGN.md §6): DIR/schema.json (Database::SchemaJson) and one JSON Lines file
// DIR/<module>.<entity>.jsonl per entity with rows — every column, flat, soft-deleted rows and
// pivot rows included — that `linkgraph --schema DIR/schema.json --load DIR/*.jsonl` loads back
// into an identical database.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "linkgraph/database.h"

namespace linkgraph::shell {

// Creates `dir` (and its parents) and writes the dump into it, replacing files of the same
// names.
absl::Status Dump(Database& db, const std::string& dir);

}  // namespace linkgraph::shell
