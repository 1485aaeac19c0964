// The SQLite peer (issue 11): the same rows in an in-memory SQLite database (C API; an index on
// every key column, on created_at and on (status, created_at); ANALYZE), the same six queries
// answered with SQL, and their rows assembled into linkgraph's columnar result so that the JSON
// comes from the same writer.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <vector>

#include "bench/harness/engine.h"
#include "bench/harness/sqlite_result.h"

namespace linkgraph::bench {

// The SQLite library version ("3.40.1").
std::string SqliteVersion();

class SqliteEngine : public Engine {
 public:
  SqliteEngine();
  ~SqliteEngine() override;

  std::string_view name() const override { return "sqlite"; }
  absl::Status Load(const Dataset& data) override;
  absl::Status Prepare(QueryId query) override;
  absl::StatusOr<Result> Run(QueryId query, const QueryArgs& args) override;
  // sqlite3_memory_used(): every byte SQLite holds (page cache included).
  int64_t AccountedBytes() override;
  // One prepared INSERT per row, autocommitted or between BEGIN and COMMIT.
  absl::Status CreateReviews(const std::vector<NewReview>& rows, bool one_commit) override;

  // EXPLAIN QUERY PLAN of every statement the queries run, one block per query.
  absl::StatusOr<std::string> QueryPlans();

 private:
  // Statements of the point query (Q1 prepares them per call, Q1p once).
  struct PointStatements {
    Statement product;
    Statement reviews;
  };
  absl::StatusOr<PointStatements> PreparePoint();
  absl::StatusOr<Result> Point(const PointStatements& s, const std::string& product_id);
  absl::StatusOr<Result> Page();
  absl::StatusOr<Result> FullJoin();
  absl::StatusOr<Result> TwoHops();
  absl::StatusOr<Result> LinkedFilter(const std::string& customer_bound);
  absl::Status Exec(std::string_view sql);

  sqlite3* db_ = nullptr;
  std::optional<PointStatements> point_;  // Q1p
};

}  // namespace linkgraph::bench
