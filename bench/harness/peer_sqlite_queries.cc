// The six queries in SQL, each assembled into the same nested columnar result linkgraph returns
// (request key order, children in primary-key order, metadata count/skip/take). No row is
// soft-deleted in the data set, so the SQL leaves out linkgraph's `deleted_at IS NULL`.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "bench/harness/peer_sqlite.h"
#include "linkgraph/status.h"

namespace linkgraph::bench {

namespace {

using catalog::ColumnType;

constexpr std::string_view kPointProduct = "SELECT id, title FROM product WHERE id = ?1";
constexpr std::string_view kReviewsOfProduct =
    "SELECT id, product_id, customer_id, rating, content, created_at, updated_at, deleted_at "
    "FROM review WHERE product_id = ?1 ORDER BY id";
constexpr std::string_view kPageCount = "SELECT count(*) FROM product WHERE status = 'published'";
constexpr std::string_view kPage =
    "SELECT id, title, created_at FROM product WHERE status = 'published' "
    "ORDER BY created_at DESC, id LIMIT 100";
constexpr std::string_view kRatingContentOfProduct =
    "SELECT rating, content FROM review WHERE product_id = ?1 ORDER BY id";
constexpr std::string_view kCollectionTitlesOfProduct =
    "SELECT c.title FROM product_collection pc JOIN collection c ON c.id = pc.collection_id "
    "WHERE pc.product_id = ?1 ORDER BY c.id";
constexpr std::string_view kFullJoin =
    "SELECT p.id, p.title, r.id, r.product_id, r.customer_id, r.rating, r.content, "
    "r.created_at, r.updated_at, r.deleted_at "
    "FROM product p LEFT JOIN review r ON r.product_id = p.id ORDER BY p.id, r.id";
constexpr std::string_view kTwoHops =
    "SELECT r.id, r.rating, p.id, p.title, c.id, c.email FROM review r "
    "LEFT JOIN product p ON p.id = r.product_id LEFT JOIN customer c ON c.id = r.customer_id "
    "WHERE r.rating >= 4 ORDER BY r.id LIMIT 1000";
constexpr std::string_view kLinkedFilter =
    "SELECT id, title FROM product WHERE id IN "
    "(SELECT product_id FROM review WHERE rating = 5 AND customer_id < ?1) "
    "ORDER BY created_at DESC, id LIMIT 50";

// `review.*` in linkgraph's `*` order, read from statement columns first, first + 1, ….
void ReviewColumns(NodeBuilder& b, int first) {
  b.Column("id", ColumnType::kText, first);
  b.Column("product_id", ColumnType::kText, first + 1);
  b.Column("customer_id", ColumnType::kText, first + 2);
  b.Column("rating", ColumnType::kNumber, first + 3);
  b.Column("content", ColumnType::kText, first + 4);
  b.Column("created_at", ColumnType::kText, first + 5);
  b.Column("updated_at", ColumnType::kText, first + 6);
  b.Column("deleted_at", ColumnType::kText, first + 7);
}

// Runs `children` with the root's id (column 0 of `parent`) bound, appending its rows under the
// root's last row for `relation`.
absl::Status AppendChildren(const Statement& children, sqlite3_stmt* parent, NodeBuilder& root,
                            NodeBuilder& child, int relation) {
  const auto* id = reinterpret_cast<const char*>(sqlite3_column_text(parent, 0));
  children.Rebind(std::string_view(id, static_cast<size_t>(sqlite3_column_bytes(parent, 0))));
  while (true) {
    LG_ASSIGN_OR_RETURN(bool row, children.Step());
    if (!row) break;
    child.AppendRow(children.get());
  }
  root.EndParent(relation);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<SqliteEngine::PointStatements> SqliteEngine::PreparePoint() {
  LG_ASSIGN_OR_RETURN(Statement product, Statement::Prepare(db_, kPointProduct));
  LG_ASSIGN_OR_RETURN(Statement reviews, Statement::Prepare(db_, kReviewsOfProduct));
  return PointStatements{std::move(product), std::move(reviews)};
}

absl::Status SqliteEngine::Prepare(QueryId query) {
  if (query != QueryId::kQ1p || point_.has_value()) return absl::OkStatus();
  LG_ASSIGN_OR_RETURN(PointStatements s, PreparePoint());
  point_.emplace(std::move(s));
  return absl::OkStatus();
}

absl::StatusOr<Result> SqliteEngine::Run(QueryId query, const QueryArgs& args) {
  switch (query) {
    case QueryId::kQ1: {
      LG_ASSIGN_OR_RETURN(PointStatements s, PreparePoint());
      return Point(s, args.product_id);
    }
    case QueryId::kQ1p:
      if (!point_.has_value()) return absl::FailedPreconditionError("Q1p is not prepared");
      return Point(*point_, args.product_id);
    case QueryId::kQ2:
      return Page();
    case QueryId::kQ3:
      return FullJoin();
    case QueryId::kQ4:
      return TwoHops();
    case QueryId::kQ5:
      return LinkedFilter(args.customer_bound);
  }
  return absl::InternalError("unknown query");
}

absl::StatusOr<Result> SqliteEngine::Point(const PointStatements& s,
                                           const std::string& product_id) {
  ResultBuilder data;
  NodeBuilder root = data.Root();
  root.Column("id", ColumnType::kText, 0);
  root.Column("title", ColumnType::kText, 1);
  const int reviews = root.Relation("product_reviews", true);
  NodeBuilder review = root.Child(reviews);
  ReviewColumns(review, 0);
  s.product.Rebind(product_id);
  while (true) {
    LG_ASSIGN_OR_RETURN(bool row, s.product.Step());
    if (!row) break;
    root.AppendRow(s.product.get());
    LG_RETURN_IF_ERROR(AppendChildren(s.reviews, s.product.get(), root, review, reviews));
  }
  data.meta.count = root.rows();
  return data.Finish();
}

absl::StatusOr<Result> SqliteEngine::Page() {
  LG_ASSIGN_OR_RETURN(Statement count, Statement::Prepare(db_, kPageCount));
  LG_ASSIGN_OR_RETURN(Statement page, Statement::Prepare(db_, kPage));
  LG_ASSIGN_OR_RETURN(Statement reviews_of, Statement::Prepare(db_, kRatingContentOfProduct));
  LG_ASSIGN_OR_RETURN(Statement collections_of,
                      Statement::Prepare(db_, kCollectionTitlesOfProduct));
  ResultBuilder data;
  NodeBuilder root = data.Root();
  root.Column("id", ColumnType::kText, 0);
  root.Column("title", ColumnType::kText, 1);
  root.Column("created_at", ColumnType::kText, 2);
  const int reviews = root.Relation("product_reviews", true);
  const int collections = root.Relation("collections", true);
  NodeBuilder review = root.Child(reviews);
  review.Column("rating", ColumnType::kNumber, 0);
  review.Column("content", ColumnType::kText, 1);
  NodeBuilder collection = root.Child(collections);
  collection.Column("title", ColumnType::kText, 0);
  while (true) {
    LG_ASSIGN_OR_RETURN(bool row, page.Step());
    if (!row) break;
    root.AppendRow(page.get());
    LG_RETURN_IF_ERROR(AppendChildren(reviews_of, page.get(), root, review, reviews));
    LG_RETURN_IF_ERROR(AppendChildren(collections_of, page.get(), root, collection, collections));
  }
  LG_ASSIGN_OR_RETURN(bool counted, count.Step());
  if (!counted) return absl::InternalError("sqlite: count returned no row");
  data.meta.count = sqlite3_column_int64(count.get(), 0);
  data.meta.take = 100;
  return data.Finish();
}

absl::StatusOr<Result> SqliteEngine::FullJoin() {
  LG_ASSIGN_OR_RETURN(Statement join, Statement::Prepare(db_, kFullJoin));
  ResultBuilder data;
  NodeBuilder root = data.Root();
  root.Column("id", ColumnType::kText, 0);
  root.Column("title", ColumnType::kText, 1);
  const int reviews = root.Relation("product_reviews", true);
  NodeBuilder review = root.Child(reviews);
  ReviewColumns(review, 2);
  std::string current;  // the product of the group being read
  bool open = false;
  sqlite3_stmt* stmt = join.get();
  while (true) {
    LG_ASSIGN_OR_RETURN(bool row, join.Step());
    if (!row) break;
    const std::string_view id(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)),
                              static_cast<size_t>(sqlite3_column_bytes(stmt, 0)));
    if (!open || id != current) {
      if (open) root.EndParent(reviews);
      current.assign(id.data(), id.size());
      open = true;
      root.AppendRow(stmt);
    }
    if (sqlite3_column_type(stmt, 2) != SQLITE_NULL) review.AppendRow(stmt);
  }
  if (open) root.EndParent(reviews);
  data.meta.count = root.rows();
  return data.Finish();
}

absl::StatusOr<Result> SqliteEngine::TwoHops() {
  LG_ASSIGN_OR_RETURN(Statement hops, Statement::Prepare(db_, kTwoHops));
  ResultBuilder data;
  NodeBuilder root = data.Root();
  root.Column("id", ColumnType::kText, 0);
  root.Column("rating", ColumnType::kNumber, 1);
  const int product = root.Relation("product", false);
  const int customer = root.Relation("customer", false);
  NodeBuilder product_node = root.Child(product);
  product_node.Column("title", ColumnType::kText, 3);
  NodeBuilder customer_node = root.Child(customer);
  customer_node.Column("email", ColumnType::kText, 5);
  sqlite3_stmt* stmt = hops.get();
  while (true) {
    LG_ASSIGN_OR_RETURN(bool row, hops.Step());
    if (!row) break;
    root.AppendRow(stmt);
    // A missing target (its id column is NULL) is a null single relation.
    if (sqlite3_column_type(stmt, 2) != SQLITE_NULL) product_node.AppendRow(stmt);
    root.EndParent(product);
    if (sqlite3_column_type(stmt, 4) != SQLITE_NULL) customer_node.AppendRow(stmt);
    root.EndParent(customer);
  }
  data.meta.count = std::nullopt;
  data.meta.take = 1000;
  return data.Finish();
}

absl::StatusOr<Result> SqliteEngine::LinkedFilter(const std::string& customer_bound) {
  LG_ASSIGN_OR_RETURN(Statement roots, Statement::Prepare(db_, kLinkedFilter));
  LG_ASSIGN_OR_RETURN(Statement collections_of,
                      Statement::Prepare(db_, kCollectionTitlesOfProduct));
  ResultBuilder data;
  NodeBuilder root = data.Root();
  root.Column("id", ColumnType::kText, 0);
  root.Column("title", ColumnType::kText, 1);
  const int collections = root.Relation("collections", true);
  NodeBuilder collection = root.Child(collections);
  collection.Column("title", ColumnType::kText, 0);
  roots.Rebind(customer_bound);
  while (true) {
    LG_ASSIGN_OR_RETURN(bool row, roots.Step());
    if (!row) break;
    root.AppendRow(roots.get());
    LG_RETURN_IF_ERROR(AppendChildren(collections_of, roots.get(), root, collection, collections));
  }
  data.meta.count = std::nullopt;
  data.meta.take = 50;
  return data.Finish();
}

absl::StatusOr<std::string> SqliteEngine::QueryPlans() {
  const std::pair<std::string_view, std::string_view> statements[] = {
      {"Q1 product", kPointProduct},
      {"Q1 reviews", kReviewsOfProduct},
      {"Q2 count", kPageCount},
      {"Q2 page", kPage},
      {"Q2 reviews", kRatingContentOfProduct},
      {"Q2/Q5 collections", kCollectionTitlesOfProduct},
      {"Q3", kFullJoin},
      {"Q4", kTwoHops},
      {"Q5", kLinkedFilter}};
  std::string out;
  for (const auto& [name, sql] : statements) {
    LG_ASSIGN_OR_RETURN(Statement plan, Statement::Prepare(db_, absl::StrCat("EXPLAIN QUERY PLAN ",
                                                                             std::string(sql))));
    absl::StrAppend(&out, std::string(name), ":\n");
    while (true) {
      LG_ASSIGN_OR_RETURN(bool row, plan.Step());
      if (!row) break;
      absl::StrAppend(&out, "  ", reinterpret_cast<const char*>(sqlite3_column_text(plan.get(), 3)),
                      "\n");
    }
  }
  return out;
}

}  // namespace linkgraph::bench
