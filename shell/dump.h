// `.dump DIR` (DESIGN.md §6): DIR/schema.json (Database::SchemaJson) and one JSON Lines file
// DIR/<module>.<entity>.jsonl per entity with rows — every column, flat, soft-deleted rows and
// pivot rows included — that `linkgraph --schema DIR/schema.json --load DIR/*.jsonl` loads back
// into an identical database.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "linkgraph/database.h"

namespace linkgraph::shell {

// Writes the dump into `dir` (created with its parents when missing). The files are written into
// a fresh temporary directory first and moved into place only when all are written: a failed
// dump leaves an earlier one intact and returns the system's error (absl::ErrnoToStatus: no space
// is ResourceExhausted, no permission PermissionDenied). Over an earlier dump, the file of an
// entity that has no rows any more is removed; files that are not the dump's stay.
absl::Status Dump(Database& db, const std::string& dir);

}  // namespace linkgraph::shell
