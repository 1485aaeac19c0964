#include "shell/dump.h"

#include <filesystem>
#include <fstream>

#include "shell/json_text.h"

namespace linkgraph::shell {

namespace {

absl::Status WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return absl::InvalidArgumentError("cannot write '" + path.string() + "'");
  return absl::OkStatus();
}

}  // namespace

absl::Status Dump(Database& db, const std::string& dir) {
  std::filesystem::path root(dir);
  std::error_code ec;
  std::filesystem::create_directories(root, ec);
  if (ec) return absl::InvalidArgumentError("cannot create '" + dir + "': " + ec.message());
  LG_RETURN_IF_ERROR(WriteFile(root / "schema.json", db.SchemaJson() + "\n"));
  for (const ModuleStats& module : db.Stats().modules) {
    for (const TableStats& table : module.tables) {
      if (table.rows == 0) continue;
      // `*` is every column (foreign keys and timestamps included); withDeleted keeps
      // soft-deleted rows and dismissed link rows.
      std::string request =
          "{\"entity\":" + QuoteJson(table.entity) + ",\"fields\":[\"*\"],\"withDeleted\":true}";
      LG_ASSIGN_OR_RETURN(Result rows, db.GraphJson(request));
      std::string text;
      for (size_t i = 0; i < rows.size(); ++i) {
        text += rows.row(i).ToJson();
        text.push_back('\n');
      }
      LG_RETURN_IF_ERROR(WriteFile(root / (table.entity + ".jsonl"), text));
    }
  }
  return absl::OkStatus();
}

}  // namespace linkgraph::shell
