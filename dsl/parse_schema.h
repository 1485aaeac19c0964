// Entry point of the schema-text parser (docs/schema.md): text -> SchemaFile (schema_ast.h).
// What the statements mean is read by modules/schema_text_read.cc.
//
// Example:
//   dsl::TextWhere where("schema.lg", text);  // or any renderer of byte offsets
//   absl::StatusOr<dsl::SchemaFile> file = dsl::ParseSchemaFile(text, std::ref(where));
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "dsl/schema_ast.h"

namespace linkgraph::dsl {

// Limits on schema text, refused with InvalidArgument beyond them: its size, and the nesting of
// objects, arrays, calls and arrows (checked before each level is read).
inline constexpr size_t kMaxSchemaBytes = 16 * 1024 * 1024;
inline constexpr size_t kMaxSchemaDepth = 64;

// Parses schema text. Syntax errors, invalid UTF-8 and the limits above are InvalidArgument
// "<message> (<where(byte offset)>)", the location attached as the payload (location.h).
absl::StatusOr<SchemaFile> ParseSchemaFile(std::string_view text,
                                           const std::function<std::string(size_t)>& where);

}  // namespace linkgraph::dsl
