#include "shell/schema_file.h"

#include "dsl/location.h"
#include "dsl/statement.h"
#include "linkgraph/schema_text.h"
#include "linkgraph/status.h"
#include "shell/output.h"
#include "shell/read_file.h"
#include "shell/source.h"

namespace linkgraph::shell {

namespace {

// Writes `failed`, the error of reading the schema `text` of the file `path`, to `err`: named by
// the file, with its line and a caret when located `line L, column C`.
void ReportSchemaError(absl::Status failed, const std::string& path, const std::string& text,
                       std::ostream& err) {
  bool located = !IsJsonSchemaFile(path);
  if (!located && dsl::MessageWithoutWhere(failed).rfind("invalid JSON", 0) == 0) {
    // The library reports invalid JSON without a position: the statement grammar's JSON rules
    // find it.
    if (std::optional<dsl::JsonSyntaxError> error = dsl::FindJsonSyntaxError(text)) {
      std::string message = error->message;
      if (message.rfind("invalid JSON", 0) != 0) message = "invalid JSON: " + message;
      failed = InvalidAt(text, error->offset, message);
      located = true;  // shown with its line and a caret, as schema text is
    }
  }
  if (located && !StatusLocation(failed).empty()) {
    absl::Status named = dsl::ErrorAt(failed.code(), path + ": " + dsl::MessageWithoutWhere(failed),
                                      StatusLocation(failed));
    Source source{path, text};
    // Only standard error is written.
    Output(err, err, Format::kJson).ErrorBlock(named, &source);
    return;
  }
  err << "error: " << path << ": " << failed.message() << '\n';
}

}  // namespace

bool IsJsonSchemaFile(std::string_view path) {
  return path.size() >= 5 && path.substr(path.size() - 5) == ".json";
}

std::optional<Schema> ReadSchemaFile(const std::string& path, std::ostream& err) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) {
    err << "error: " << text.status().message() << '\n';
    return std::nullopt;
  }
  absl::StatusOr<Schema> schema =
      IsJsonSchemaFile(path) ? ParseSchemaJson(*text) : ParseSchemaText(*text);
  if (!schema.ok()) {
    ReportSchemaError(schema.status(), path, *text, err);
    return std::nullopt;
  }
  // Registered on a scratch database first, so that a schema that does not register (an unknown
  // relationship target, a clash) is an error of the file, before any database is opened.
  Database scratch;
  if (absl::Status registered = scratch.Register(*schema); !registered.ok()) {
    ReportSchemaError(registered, path, *text, err);
    return std::nullopt;
  }
  return std::move(*schema);
}

bool RegisterSchemaFile(Database& db, const std::string& path, std::ostream& err) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) {
    err << "error: " << text.status().message() << '\n';
    return false;
  }
  absl::Status registered = IsJsonSchemaFile(path) ? db.RegisterJson(*text) : db.RegisterText(*text);
  if (!registered.ok()) {
    ReportSchemaError(registered, path, *text, err);
    return false;
  }
  return true;
}

}  // namespace linkgraph::shell
