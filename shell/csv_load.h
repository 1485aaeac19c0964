// CSV loads (DESIGN.md §6): a header row names the columns; cells are read by column type —
// `true`/`false` for booleans, JSON text for json and array columns, epoch milliseconds or
// ISO-8601 for dateTime, numbers as written; an empty unquoted cell is null, `""` the empty
// string; a missing column takes its default or null. Parsed with libcsv (LGPL-2.1, kept in the
// shell, out of the embeddable library).
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace linkgraph::shell {

// Converts `csv` (the file `path`, loading into `entity`) to JSON Lines whose line numbers are
// the CSV's, so load errors name `path:LINE, field 'x'`. `schema_json` (Database::SchemaJson)
// gives the column types. A malformed file or a header naming no column of `entity` is
// InvalidArgument located at `path:LINE`.
absl::StatusOr<std::string> CsvToJsonLines(std::string_view csv, const std::string& path,
                                           std::string_view entity,
                                           std::string_view schema_json);

}  // namespace linkgraph::shell
