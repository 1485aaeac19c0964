#include "shell/stored_schema.h"

#include "shell/read_file.h"

namespace linkgraph::shell {

namespace {

constexpr std::string_view kEmptySchema = R"({"modules":[],"defineLinks":[]})";

}  // namespace

bool HasSchema(Database& db) { return db.SchemaJson() != kEmptySchema; }

absl::Status CheckSameSchema(Database& db, const std::string& dir, const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  // Registered on a scratch database: the stored schema's JSON is compared with the file's.
  Database scratch;
  const bool json = path.size() >= 5 && path.substr(path.size() - 5) == ".json";
  absl::Status registered = json ? scratch.RegisterJson(*text) : scratch.RegisterText(*text);
  if (!registered.ok()) {
    return absl::Status(registered.code(), path + ": " + std::string(registered.message()));
  }
  if (scratch.SchemaJson() == db.SchemaJson()) return absl::OkStatus();
  return absl::FailedPreconditionError(
      path + ": the database " + dir +
      " holds a different schema; leave out --schema to use the stored one (changing a "
      "stored schema is a migration, not supported yet)");
}

}  // namespace linkgraph::shell
