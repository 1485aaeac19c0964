// Files the shell loads (DESIGN.md §6 `--load [ENTITY=]FILE` and `load [ENTITY from] 'FILE'`):
// `.jsonl`/`.ndjson` JSON Lines into ENTITY (by default the entity the file name names:
// `review.review.jsonl`, `product.jsonl`), `.csv` files with a header row (converted to JSON Lines
// by csv_load.h, keeping the CSV's line numbers), `.json` §8 data documents (no ENTITY).
//
// Example:
//   LG_ASSIGN_OR_RETURN(LoadFile f, ReadLoadFile("", "data/product.jsonl"));
//   db.Write([&](WriteBatch& b) { AddLoad(f, &b); });
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "linkgraph/database.h"

namespace linkgraph::shell {

struct LoadFile {
  enum class Kind { kLines, kDocument };
  Kind kind = Kind::kLines;
  std::string path;    // as given: errors name it (`path:12, field 'rating'`)
  std::string entity;  // kLines
  std::string text;
};

// Reads `path` for a load into `entity` ("" to take it from the file name); `schema_json`
// (Database::SchemaJson) types CSV cells. An unknown extension, ENTITY given for a `.json`
// document and a malformed CSV file are InvalidArgument; the file is read by ReadFile
// (read_file.h: regular files only, at most 1 GiB, a byte-order mark skipped).
absl::StatusOr<LoadFile> ReadLoadFile(std::string_view entity, const std::string& path,
                                      std::string_view schema_json);

// Adds the rows of `file` to `batch` (WriteBatch::CreateLines or WriteBatch::LoadJson).
void AddLoad(const LoadFile& file, WriteBatch* batch);

// `status` (a failed load of `files`) located at the line and column of a JSON syntax error: the
// library reports invalid JSON in a data document without a position and in JSON Lines with its
// line only; the first file of `files` with a syntax error gives
// "invalid JSON: <what was expected> (<path>:<line>, column <column>)". Any other status is
// returned unchanged.
absl::Status LocateJsonError(const absl::Status& status, const std::vector<const LoadFile*>& files);

}  // namespace linkgraph::shell
