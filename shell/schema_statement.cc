// Schema text as a statement (docs/schema.md, docs/shell.md): `module review { … }`,
// `Module(…)`, `defineLink(…)` typed, or read with `.read file.lg`, register into the running
// database as Register does (adding modules and links; the rows already there stay).
#include <algorithm>

#include "base/utf8.h"
#include "dsl/location.h"
#include "linkgraph/schema_text.h"
#include "shell/locate.h"
#include "shell/shell.h"

namespace linkgraph::shell {

namespace {

// The source up to the chunk's end with every character before the chunk made a space (line
// breaks kept, one space per code point), so that a position in it is the same line and column
// as in the source.
std::string Isolated(std::string_view source, const Chunk& chunk) {
  std::string text;
  text.reserve(chunk.end);
  size_t i = 0;
  while (i < chunk.begin) {
    size_t nl = std::min(source.find('\n', i), chunk.begin);
    text.append(base::CountCodePoints(source.substr(i, nl - i)), ' ');
    if (nl == chunk.begin) break;
    text.push_back('\n');
    i = nl + 1;
  }
  text.append(source.substr(chunk.begin, chunk.end - chunk.begin));
  return text;
}

}  // namespace

absl::Status Shell::RunSchema(const Source& source, const Chunk& chunk) {
  if (txn_) {
    return dsl::ErrorAt(absl::StatusCode::kFailedPrecondition,
                        "schema text cannot be registered inside a transaction; commit or "
                        "roll back first",
                        Where(PositionAt(source.text, chunk.begin)));
  }
  absl::StatusOr<Schema> schema = ParseSchemaText(Isolated(source.text, chunk));
  if (!schema.ok()) return schema.status();
  absl::Status registered = db_->Register(*schema);
  if (!registered.ok()) {
    // Registration locates its errors inside the schema (`modules[0].models[1]…`): kept in the
    // message, the statement located at its start.
    std::string where = dsl::WhereOf(registered);
    std::string message = dsl::MessageWithoutWhere(registered);
    if (!where.empty()) message += " (" + where + ")";
    return dsl::ErrorAt(registered.code(), message, Where(PositionAt(source.text, chunk.begin)));
  }
  size_t count = schema->modules.size() + schema->define_links.size();
  out_.Line("{\"metadata\":{\"count\":" + std::to_string(count) + "}}");
  return absl::OkStatus();
}

}  // namespace linkgraph::shell
