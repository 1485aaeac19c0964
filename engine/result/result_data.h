// The columnar result of a query: per node, the gathered values of each output column and, per
// relation output, the CSR offsets of each row's related rows. It owns its values, so it stays
// valid after later writes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/catalog/column_type.h"

namespace linkgraph::result {

// The values of one scalar output, one per row of its node.
struct ValueColumn {
  catalog::ColumnType type = catalog::ColumnType::kText;
  std::vector<uint8_t> nulls;
  std::vector<int64_t> ints;       // number, dateTime, boolean, enum code
  std::vector<double> floats;      // float
  std::vector<uint64_t> offsets;   // string-stored types: rows + 1 offsets into `bytes`
  std::string bytes;
  const std::vector<std::string>* enum_values = nullptr;  // owned by the catalog

  bool IsNull(uint32_t row) const { return nulls[row] != 0; }
  std::string_view GetString(uint32_t row) const {
    return std::string_view(bytes).substr(offsets[row], offsets[row + 1] - offsets[row]);
  }
};

struct Node;

// A relation output: rows [offsets[r], offsets[r+1]) of `node` belong to row r.
struct ChildRows {
  bool is_list = true;
  std::vector<uint32_t> offsets;
  std::unique_ptr<Node> node;
};

struct Key {
  std::string name;
  std::string json;  // "\"name\":" pre-rendered
  bool is_relation = false;
  uint32_t index = 0;  // into columns or children
};

struct Node {
  uint32_t rows = 0;
  std::vector<Key> keys;
  std::vector<ValueColumn> columns;
  std::vector<ChildRows> children;
};

struct Metadata {
  bool paged = true;  // graph results: count, skip, take; write results: count only
  std::optional<int64_t> count;
  int64_t skip = 0;
  std::optional<int64_t> take;
};

struct ResultData {
  Node root;
  Metadata meta;
  // Delete-style results: `data` lists the values of the root's single column (ids), not objects.
  bool scalar_rows = false;
  // Link-service and load results: only `{"metadata":{"count":N}}`.
  bool metadata_only = false;
};

}  // namespace linkgraph::result
