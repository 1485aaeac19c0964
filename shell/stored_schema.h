// A durable database (--db) keeps the schema it was created with: `--schema FILE` on one that has
// a schema must describe the same schema (it is then not registered again).
#pragma once

#include <string>

#include "absl/status/status.h"
#include "linkgraph/database.h"

namespace linkgraph::shell {

// True when `db` has registered anything.
bool HasSchema(Database& db);

// OK when the schema file `path` (§8 JSON for `.json`, else the schema language) registers the
// same schema `db` holds; otherwise a usage error naming the file and the database `dir`.
absl::Status CheckSameSchema(Database& db, const std::string& dir, const std::string& path);

}  // namespace linkgraph::shell
