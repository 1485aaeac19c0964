// The columnar result of a query: per node, the gathered values of each output column and, per
// relation output, the CSR offsets of each row's related rows.
//
// Every array lives in the result's own arena. Text values are views: into the string arenas of
// the store version the result was read from, which `keep_alive` holds (so a result stays valid
// after later writes, DESIGN.md §5), or into the result's arena for values built elsewhere.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "engine/catalog/column_type.h"
#include "engine/result/arena.h"

namespace linkgraph::result {

// The values of one scalar output, one per row of its node.
struct ValueColumn {
  catalog::ColumnType type = catalog::ColumnType::kText;
  std::span<const uint8_t> nulls;
  std::span<const int64_t> ints;               // number, dateTime, boolean
  std::span<const double> floats;              // float
  std::span<const std::string_view> strings;   // string-stored types, and enums as their text
  size_t string_bytes = 0;                     // the sum of the strings' sizes

  bool IsNull(uint32_t row) const { return nulls[row] != 0; }
  std::string_view GetString(uint32_t row) const { return strings[row]; }
};

struct Node;

// A relation output: rows [offsets[r], offsets[r+1]) of `node` belong to row r.
struct ChildRows {
  bool is_list = true;
  std::span<const uint32_t> offsets;
  const Node* node = nullptr;
};

struct Key {
  std::string_view name;
  std::string_view json;  // "\"name\":" pre-rendered
  bool is_relation = false;
  uint32_t index = 0;  // into columns or children
};

struct Node {
  uint32_t rows = 0;
  std::span<const Key> keys;
  std::span<const ValueColumn> columns;
  std::span<const ChildRows> children;
};

struct Metadata {
  bool paged = true;  // graph results: count, skip, take; write results: count only
  std::optional<int64_t> count;
  int64_t skip = 0;
  std::optional<int64_t> take;
};

// Not movable (its arena holds inline space): create it with std::make_shared.
struct ResultData {
  Arena arena;
  // What the text views point into: the store version read (set by whoever executes it).
  std::shared_ptr<const void> keep_alive;
  Node root;
  Metadata meta;
  // Delete-style results: `data` lists the values of the root's single column (ids), not objects.
  bool scalar_rows = false;
  // Link-service and load results: only `{"metadata":{"count":N}}`.
  bool metadata_only = false;
};

}  // namespace linkgraph::result
