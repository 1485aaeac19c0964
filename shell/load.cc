#include "shell/load.h"

#include <charconv>

#include "dsl/location.h"
#include "dsl/statement.h"
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

absl::Status LocateJsonError(const absl::Status& status,
                             const std::vector<const LoadFile*>& files) {
  std::string message_of_library = dsl::MessageWithoutWhere(status);
  if (status.code() != absl::StatusCode::kInvalidArgument ||
      message_of_library.rfind("invalid JSON", 0) != 0) {
    return status;
  }
  std::string where = dsl::WhereOf(status);
  for (const LoadFile* file : files) {
    std::string_view text = file->text;
    size_t line_offset = 0;   // where the checked text starts in the file
    size_t first_line = 1;
    if (file->kind == LoadFile::Kind::kLines) {
      // JSON Lines: the library names the line (`path:N`); CSV files never get here.
      std::string prefix = file->path + ":";
      if (where.rfind(prefix, 0) != 0) continue;
      size_t n = 0;
      auto [end, ec] = std::from_chars(where.data() + prefix.size(), where.data() + where.size(), n);
      if (ec != std::errc() || n == 0) continue;
      for (size_t line = 1; line < n && line_offset != std::string_view::npos; ++line) {
        line_offset = text.find('\n', line_offset);
        if (line_offset != std::string_view::npos) ++line_offset;
      }
      if (line_offset == std::string_view::npos) continue;
      size_t eol = text.find('\n', line_offset);
      text = text.substr(line_offset, eol == std::string_view::npos ? eol : eol - line_offset);
      first_line = n;
    }
    std::optional<dsl::JsonSyntaxError> error = dsl::FindJsonSyntaxError(text);
    if (!error) continue;
    dsl::LineColumn lc = dsl::LineColumnAt(text, error->offset);
    // Content after the document: the library's own message says so; otherwise what the
    // grammar expected.
    std::string message = error->trailing ? message_of_library : error->message;
    if (message.rfind("invalid JSON", 0) != 0) message = "invalid JSON: " + message;
    return dsl::InvalidAt(message, file->path + ":" + std::to_string(first_line + lc.line - 1) +
                                       ", column " + std::to_string(lc.column));
  }
  return status;
}

void AddLoad(const LoadFile& file, WriteBatch* batch) {
  if (file.kind == LoadFile::Kind::kDocument) {
    batch->LoadJson(file.text);
  } else {
    batch->CreateLines(file.entity, file.text, file.path);
  }
}

}  // namespace linkgraph::shell
