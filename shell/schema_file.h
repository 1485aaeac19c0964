// Schema files (`--schema FILE`, `linkgraph migrate --schema FILE`, DESIGN.md §6): a `.json` file
// is the §8 JSON document, any other name the schema language (docs/schema.md). A file that does
// not read, parse or register is a startup error naming the file, shown with its line and a caret
// when the error has a position.
//
// Example:
//   std::optional<Schema> schema = ReadSchemaFile(args.schema, std::cerr);
//   if (!schema) return 2;
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "linkgraph/database.h"

namespace linkgraph::shell {

// True when `path` names a §8 JSON schema (`.json`).
bool IsJsonSchemaFile(std::string_view path);

// Reads and parses the schema file `path` (ParseSchemaJson or ParseSchemaText) and checks that it
// registers (on a scratch database). On failure writes the error to `err` and returns nullopt.
std::optional<Schema> ReadSchemaFile(const std::string& path, std::ostream& err);

// Registers the schema file `path` into `db` (RegisterJson or RegisterText). On failure writes the
// error to `err` and returns false.
bool RegisterSchemaFile(Database& db, const std::string& path, std::ostream& err);

}  // namespace linkgraph::shell
