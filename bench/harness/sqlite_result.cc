#include "modules/access.h"
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
  node_->keys.push_back({std::string(key), false, static_cast<uint32_t>(node_->columns.size())});
  PendingNode::Column column;
  column.type = type;
  column.stmt_column = stmt_column;
  node_->columns.push_back(std::move(column));
}

int NodeBuilder::Relation(std::string_view key, bool is_list) {
  node_->keys.push_back({std::string(key), true, static_cast<uint32_t>(node_->children.size())});
  PendingNode::Child child;
  child.is_list = is_list;
  node_->children.push_back(std::move(child));
  return static_cast<int>(node_->children.size()) - 1;
}

NodeBuilder NodeBuilder::Child(int relation) const {
  return NodeBuilder(node_->children[static_cast<size_t>(relation)].node.get());
}

void NodeBuilder::AppendRow(sqlite3_stmt* stmt) {
  for (PendingNode::Column& column : node_->columns) {
    const int c = column.stmt_column;
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
  PendingNode::Child& child = node_->children[static_cast<size_t>(relation)];
  child.offsets.push_back(child.node->rows);
}

namespace {

void Freeze(const PendingNode& from, result::Arena& arena, result::Node* to) {
  to->rows = from.rows;
  std::span<result::Key> keys = arena.Allocate<result::Key>(from.keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    keys[i].name = arena.CopyString(from.keys[i].name);
    keys[i].json = arena.CopyString(absl::StrCat("\"", from.keys[i].name, "\":"));
    keys[i].is_relation = from.keys[i].is_relation;
    keys[i].index = from.keys[i].index;
  }
  to->keys = keys;
  std::span<result::ValueColumn> columns = arena.Allocate<result::ValueColumn>(from.columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    const PendingNode::Column& c = from.columns[i];
    result::ValueColumn& v = columns[i];
    v.type = c.type;
    v.nulls = arena.Copy(std::span<const uint8_t>(c.nulls));
    if (catalog::IsStringStored(c.type)) {
      std::string_view bytes = arena.CopyString(c.bytes);
      std::span<std::string_view> strings = arena.Allocate<std::string_view>(from.rows);
      for (uint32_t r = 0; r < from.rows; ++r) {
        strings[r] = bytes.substr(c.offsets[r], c.offsets[r + 1] - c.offsets[r]);
      }
      v.strings = strings;
      v.string_bytes = bytes.size();
    } else {
      v.ints = arena.Copy(std::span<const int64_t>(c.ints));
    }
  }
  to->columns = columns;
  std::span<result::ChildRows> children = arena.Allocate<result::ChildRows>(from.children.size());
  for (size_t i = 0; i < children.size(); ++i) {
    const PendingNode::Child& c = from.children[i];
    children[i].is_list = c.is_list;
    children[i].offsets = arena.Copy(std::span<const uint32_t>(c.offsets));
    std::span<result::Node> node = arena.Allocate<result::Node>(1);
    Freeze(*c.node, arena, node.data());
    children[i].node = node.data();
  }
  to->children = children;
}

}  // namespace

Result ResultBuilder::Finish() const {
  auto data = std::make_shared<result::ResultData>();
  data->meta = meta;
  Freeze(root_, data->arena, &data->root);
  return modules::ResultAccess::Make(std::move(data));
}

int64_t NestedRows(const result::Node& node) {
  int64_t rows = 0;
  for (const result::ChildRows& child : node.children) {
    rows += child.node->rows + NestedRows(*child.node);
  }
  return rows;
}

}  // namespace linkgraph::bench
