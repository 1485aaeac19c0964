#include "shell/load.h"

#include "shell/csv_load.h"
#include "shell/read_file.h"

namespace linkgraph::shell {

namespace {

std::string_view BaseName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

absl::StatusOr<LoadFile> ReadLoadFile(std::string_view entity, const std::string& path,
                                      std::string_view schema_json) {
  LoadFile file;
  file.path = path;
  std::string_view base = BaseName(path);
  size_t dot = base.find_last_of('.');
  std::string_view ext = dot == std::string_view::npos ? "" : base.substr(dot);
  if (ext == ".csv") {
    file.kind = LoadFile::Kind::kLines;
    file.entity = entity.empty() ? std::string(base.substr(0, dot)) : std::string(entity);
    LG_ASSIGN_OR_RETURN(std::string csv, ReadFile(path));
    LG_ASSIGN_OR_RETURN(file.text, CsvToJsonLines(csv, path, file.entity, schema_json));
    return file;
  }
  if (ext == ".json") {
    if (!entity.empty()) {
      return absl::InvalidArgumentError("cannot load '" + path +
                                        "' into an entity: a .json data document names its "
                                        "entities as keys");
    }
    file.kind = LoadFile::Kind::kDocument;
  } else if (ext == ".jsonl" || ext == ".ndjson") {
    file.kind = LoadFile::Kind::kLines;
    file.entity = entity.empty() ? std::string(base.substr(0, dot)) : std::string(entity);
  } else {
    return absl::InvalidArgumentError("cannot load '" + path +
                                      "': loads read .jsonl, .ndjson (JSON Lines), .csv (with a "
                                      "header row) and .json (data documents)");
  }
  LG_ASSIGN_OR_RETURN(file.text, ReadFile(path));
  return file;
}

void AddLoad(const LoadFile& file, WriteBatch* batch) {
  if (file.kind == LoadFile::Kind::kDocument) {
    batch->LoadJson(file.text);
  } else {
    batch->CreateLines(file.entity, file.text, file.path);
  }
}

}  // namespace linkgraph::shell
