// The storage types of columns (DESIGN.md §2) and their names.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace linkgraph::catalog {

enum class ColumnType : uint8_t {
  kId,         // text; generated `prefix_` + ULID when not given
  kText,       // valid UTF-8
  kNumber,     // 64-bit integer (`integer` is another name for it)
  kFloat,      // double, finite
  kBigNumber,  // exact decimal kept as its normalized digits
  kBoolean,
  kDateTime,   // int64 microseconds since the epoch, UTC
  kEnum,       // dictionary code into the declared values
  kJson,       // canonical compact JSON text
  kArray,      // list of text, stored as canonical compact JSON text
};

// "id", "text", ... as written in schemas.
std::string_view ColumnTypeName(ColumnType type);

// Parses a schema type name ("integer" is kNumber). Returns nullopt when unknown.
std::optional<ColumnType> ParseColumnType(std::string_view name);

// True for types stored in a string arena.
inline bool IsStringStored(ColumnType t) {
  return t == ColumnType::kId || t == ColumnType::kText || t == ColumnType::kBigNumber ||
         t == ColumnType::kJson || t == ColumnType::kArray;
}

// True for types stored as int64 (number, dateTime).
inline bool IsInt64Stored(ColumnType t) {
  return t == ColumnType::kNumber || t == ColumnType::kDateTime;
}

}  // namespace linkgraph::catalog
