#include "engine/catalog/column_type.h"

namespace linkgraph::catalog {

std::string_view ColumnTypeName(ColumnType type) {
  switch (type) {
    case ColumnType::kId: return "id";
    case ColumnType::kText: return "text";
    case ColumnType::kNumber: return "number";
    case ColumnType::kFloat: return "float";
    case ColumnType::kBigNumber: return "bigNumber";
    case ColumnType::kBoolean: return "boolean";
    case ColumnType::kDateTime: return "dateTime";
    case ColumnType::kEnum: return "enum";
    case ColumnType::kJson: return "json";
    case ColumnType::kArray: return "array";
  }
  return "?";
}

std::optional<ColumnType> ParseColumnType(std::string_view name) {
  if (name == "id") return ColumnType::kId;
  if (name == "text") return ColumnType::kText;
  if (name == "number" || name == "integer") return ColumnType::kNumber;
  if (name == "float") return ColumnType::kFloat;
  if (name == "bigNumber") return ColumnType::kBigNumber;
  if (name == "boolean") return ColumnType::kBoolean;
  if (name == "dateTime") return ColumnType::kDateTime;
  if (name == "enum") return ColumnType::kEnum;
  if (name == "json") return ColumnType::kJson;
  if (name == "array") return ColumnType::kArray;
  return std::nullopt;
}

}  // namespace linkgraph::catalog
