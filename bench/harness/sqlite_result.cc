#include "bench/harness/sqlite_result.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace linkgraph::bench {

absl::StatusOr<Statement> Statement::Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    std::string message = absl::StrCat("sqlite: ", sqlite3_errmsg(db), " in: ", std::string(sql));
    sqlite3_finalize(stmt);
    return absl::InternalError(message);
  }
  return Statement(stmt);
}

absl::StatusOr<bool> Statement::Step() const {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return absl::InternalError(
      absl::StrCat("sqlite: ", sqlite3_errmsg(sqlite3_db_handle(stmt_.get()))));
}

void Statement::Rebind(std::string_view text) const {
  sqlite3_reset(stmt_.get());
  sqlite3_bind_text(stmt_.get(), 1, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

void NodeBuilder::Column(std::string_view key, catalog::ColumnType type, int stmt_column) {
  result::Key k;
  k.name = std::string(key);
  k.json = absl::StrCat("\"", std::string(key), "\":");
  k.index = static_cast<uint32_t>(node_->columns.size());
  node_->keys.push_back(std::move(k));
  result::ValueColumn column;
  column.type = type;
  if (catalog::IsStringStored(type)) column.offsets.push_back(0);
  node_->columns.push_back(std::move(column));
  stmt_columns_.push_back(stmt_column);
}

int NodeBuilder::Relation(std::string_view key, bool is_list) {
  result::Key k;
  k.name = std::string(key);
  k.json = absl::StrCat("\"", std::string(key), "\":");
  k.is_relation = true;
  k.index = static_cast<uint32_t>(node_->children.size());
  node_->keys.push_back(std::move(k));
  result::ChildRows child;
  child.is_list = is_list;
  child.offsets.push_back(0);
  child.node = std::make_unique<result::Node>();
  node_->children.push_back(std::move(child));
  return static_cast<int>(node_->children.size()) - 1;
}

NodeBuilder NodeBuilder::Child(int relation) const {
  return NodeBuilder(node_->children[static_cast<size_t>(relation)].node.get());
}

void NodeBuilder::AppendRow(sqlite3_stmt* stmt) {
  for (size_t i = 0; i < node_->columns.size(); ++i) {
    result::ValueColumn& column = node_->columns[i];
    const int c = stmt_columns_[i];
    const bool null = sqlite3_column_type(stmt, c) == SQLITE_NULL;
    column.nulls.push_back(null ? 1 : 0);
    if (catalog::IsStringStored(column.type)) {
      if (!null) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        column.bytes.append(text, static_cast<size_t>(sqlite3_column_bytes(stmt, c)));
      }
      column.offsets.push_back(column.bytes.size());
    } else {
      column.ints.push_back(null ? 0 : sqlite3_column_int64(stmt, c));
    }
  }
  ++node_->rows;
}

void NodeBuilder::EndParent(int relation) {
  result::ChildRows& child = node_->children[static_cast<size_t>(relation)];
  child.offsets.push_back(child.node->rows);
}

int64_t NestedRows(const result::Node& node) {
  int64_t rows = 0;
  for (const result::ChildRows& child : node.children) {
    rows += child.node->rows + NestedRows(*child.node);
  }
  return rows;
}

}  // namespace linkgraph::bench
