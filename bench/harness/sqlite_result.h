// Builds linkgraph's columnar result (engine/result/result_data.h) from SQLite rows, so that the
// peer's JSON comes from linkgraph's own writer and can be compared byte for byte.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/catalog/column_type.h"
#include "engine/result/result_data.h"
#include "linkgraph/result.h"

namespace linkgraph::bench {

// A prepared statement, finalized on destruction.
class Statement {
 public:
  static absl::StatusOr<Statement> Prepare(sqlite3* db, std::string_view sql);
  sqlite3_stmt* get() const { return stmt_.get(); }
  // Steps once: true on a row, false when done; an error otherwise.
  absl::StatusOr<bool> Step() const;
  // Resets the statement and binds `text` to parameter 1.
  void Rebind(std::string_view text) const;

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  explicit Statement(sqlite3_stmt* s) : stmt_(s) {}
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

// One result node as SQLite rows arrive: growable columns, frozen into a ResultData at the end.
struct PendingNode {
  struct Column {
    catalog::ColumnType type = catalog::ColumnType::kText;
    int stmt_column = 0;
    std::vector<uint8_t> nulls;
    std::vector<int64_t> ints;
    std::string bytes;
    std::vector<size_t> offsets = {0};
  };
  struct Child {
    bool is_list = true;
    std::vector<uint32_t> offsets = {0};
    std::unique_ptr<PendingNode> node = std::make_unique<PendingNode>();
  };
  struct Key {
    std::string name;
    bool is_relation = false;
    uint32_t index = 0;
  };
  uint32_t rows = 0;
  std::vector<Key> keys;
  std::vector<Column> columns;
  std::vector<Child> children;
};

// Output keys and rows of one result node. Declare every key (in request order) before creating
// the builders of relations; then append rows and, per parent row, end each relation's rows.
//
// Example:
//   ResultBuilder data;
//   NodeBuilder root = data.Root();
//   root.Column("id", catalog::ColumnType::kText, 0);
//   int reviews = root.Relation("product_reviews", /*is_list=*/true);
//   NodeBuilder review = root.Child(reviews);
//   review.Column("rating", catalog::ColumnType::kNumber, 0);
//   root.AppendRow(product_stmt);            // the product's columns
//   review.AppendRow(review_stmt);           // each of its reviews
//   root.EndParent(reviews);                 // closes the product's list
//   data.meta.count = root.rows();
//   return data.Finish();
class NodeBuilder {
 public:
  explicit NodeBuilder(PendingNode* node) : node_(node) {}

  // The next output key: a scalar read from statement column `stmt_column` (text or integer;
  // SQL NULL is null).
  void Column(std::string_view key, catalog::ColumnType type, int stmt_column);
  // The next output key: a relation. Returns its index for Child and EndParent.
  int Relation(std::string_view key, bool is_list);
  NodeBuilder Child(int relation) const;

  // Appends one row from the statement's current row.
  void AppendRow(sqlite3_stmt* stmt);
  // Ends the related rows of the last appended row for `relation`.
  void EndParent(int relation);

  uint32_t rows() const { return node_->rows; }

 private:
  PendingNode* node_;
};

// A whole result: its root node and metadata. Finish copies the columns into a linkgraph result
// (one pass of memcpy per column, small next to the SQLite steps that produced them).
class ResultBuilder {
 public:
  NodeBuilder Root() { return NodeBuilder(&root_); }
  Result Finish() const;

  result::Metadata meta;

 private:
  PendingNode root_;
};

// Total rows of every node below `node` (the report's "nested rows").
int64_t NestedRows(const result::Node& node);

}  // namespace linkgraph::bench
