// The schema language (docs/schema.md): Medusa's module definitions as TypeScript-like text —
// `module review { model.define("review", { id: model.id().primaryKey(), … }) links: […] }`,
// `Module(…)`, `defineLink(…)` — read into a Schema and printed back.
//
// Example:
//   absl::StatusOr<linkgraph::Schema> schema = linkgraph::ParseSchemaText(R"(
//     module review {
//       model.define("review", { id: model.id().primaryKey(), rating: model.number() })
//     })");
//   if (schema.ok()) std::cout << linkgraph::SchemaToText(*schema);
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "linkgraph/export.h"
#include "linkgraph/schema.h"

namespace linkgraph {

// Reads schema text. Errors are InvalidArgument "<message> (line L, column C)", the location
// also attached as the payload (linkgraph::StatusLocation): a syntax error says what was
// expected; an unknown type, modifier, option or model is named with suggestions.
LINKGRAPH_EXPORT absl::StatusOr<Schema> ParseSchemaText(std::string_view text);

// Reads a DESIGN.md §8 schema document (the JSON form Database::RegisterJson takes). Unknown
// keys and wrong types are InvalidArgument located by their JSON path.
LINKGRAPH_EXPORT absl::StatusOr<Schema> ParseSchemaJson(std::string_view json);

// `schema` in the language: one `module NAME { … }` block per module, then its defineLinks.
// ParseSchemaText of the result gives back an equal schema.
LINKGRAPH_EXPORT std::string SchemaToText(const Schema& schema);

}  // namespace linkgraph
