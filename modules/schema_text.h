// The schema language (docs/schema.md) <-> Schema: schema_text_read.cc gives the parsed text
// (dsl/parse_schema.h) its meaning — Medusa's `model.define`, `Module(…)`, `defineLink(…)`, a
// `module NAME { … }` block — and schema_text_write.cc prints a Schema back in the language.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "linkgraph/schema.h"

namespace linkgraph::modules {

// Parses and reads schema text. Every error is InvalidArgument "<message> (<where(offset)>)"
// at the byte offset of the culprit: a syntax error, an unknown type, modifier, option or model
// (with suggestions), a wrong argument.
absl::StatusOr<Schema> ReadSchemaText(std::string_view text,
                                      const std::function<std::string(size_t)>& where);

// "line L, column C" of `offset` in `text` (the `where` of texts read whole).
std::string LineColumnWhere(std::string_view text, size_t offset);

// Which parts of a schema WriteSchemaText prints, and what it adds after each model.
struct SchemaTextOptions {
  // When set, only the models for which it returns true (given module and model name) are
  // printed, with the modules' links; and only the defineLinks for which `define_link` is true.
  std::function<bool(const ModuleDef&, const Model&)> model{};
  std::function<bool(const DefineLink&)> define_link{};
  // Comment lines printed after a model (without the leading `// `), e.g. its relations.
  std::function<std::vector<std::string>(const ModuleDef&, const Model&)> notes{};
};

// `schema` in the language, one `module NAME { … }` block per module, then one defineLink(…)
// per link. ReadSchemaText of the result gives back an equal schema (when no filter is set).
std::string WriteSchemaText(const Schema& schema, const SchemaTextOptions& options = {});

}  // namespace linkgraph::modules
