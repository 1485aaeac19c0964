// The header block of one table in a checkpoint image (image_format.h): what the table is (its
// entity and columns, checked against the schema it loads into) and how many rows and orders
// follow.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/catalog/catalog.h"
#include "engine/store/table.h"

namespace linkgraph::durable::image {

struct TableHeader {
  struct Column {
    std::string_view name;
    uint8_t type = 0;  // catalog::ColumnType
    uint32_t hash_keys = 0;  // keys of its hash index (0: none); sizes the rebuilt index
    std::vector<std::string_view> enum_values;
  };
  uint32_t entity_id = 0;
  std::string_view module;
  std::string_view name;
  uint32_t rows = 0;  // every row, dead ones too
  uint32_t live = 0;  // live-or-soft-deleted rows: pk_order's and each ordered index's size
  std::vector<Column> columns;
  std::vector<catalog::ColumnId> ordered;  // columns whose ordered index follows, ascending
};

// The header payload of `table`, whose entity is `table.def()`.
std::string EncodeTableHeader(const store::Table& table);

// Parses a header payload (views into it). DataLoss naming `offset` (the block's) when it is
// malformed: short, overlong, or inconsistent (live > rows, an ordered column out of range,
// repeated or of an unorderable type).
absl::StatusOr<TableHeader> ParseTableHeader(std::string_view payload, size_t offset);

// FailedPrecondition, naming the table and what differs, unless `header` describes `entity`:
// same id, module, name, and columns (names, types, enum values, in order).
absl::Status CheckSchema(const TableHeader& header, const catalog::EntityDef& entity,
                         size_t offset);

}  // namespace linkgraph::durable::image
